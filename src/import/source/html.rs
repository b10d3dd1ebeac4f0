//! The saved-HTML reader: finds the article in a saved news page (headline, date,
//! author, lead photo with caption and credit, canonical URL, body paragraphs and
//! subheadings), never the navigation, ads, scripts, related lists or footer around it.

use crate::import::raw::RawFile;

/// Read a saved HTML page into its article. `Err` when the page holds no article.
pub fn read(_text: &str) -> Result<RawFile, String> {
    Err("saved HTML pages cannot be imported yet".into())
}
