//! Choosing an imported article's date, and saying where it came from: `--date`, the
//! source's own published time, a date stamp or dateline, the lead, the photo caption,
//! else the import day (and a draft until an editor confirms it).

use super::raw::RawArticle;
use super::{classify::LEAD_PARAGRAPHS, credit, dates, text};
use chrono::NaiveDate;
use serde::Serialize;

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The dateline: a date stamp line in the header or the start of the lead.
    Dateline,
    /// The lead paragraph.
    Lead,
    /// The source's own metadata: a page's published time, a feed item's date.
    Published,
    /// The photo caption (the photo may be older than the story).
    Caption,
    /// `--date`.
    Option,
    /// Nothing found: the import day, and the article is a draft until confirmed.
    ImportDay,
}

impl DateSource {
    pub fn describe(self) -> &'static str {
        match self {
            DateSource::Dateline => "from the dateline",
            DateSource::Lead => "from the lead paragraph",
            DateSource::Published => "from the source's published time",
            DateSource::Caption => "from the photo caption",
            DateSource::Option => "from --date",
            DateSource::ImportDay => "the import day (no date in the text)",
        }
    }
}

pub struct Dated {
    pub date: NaiveDate,
    pub source: DateSource,
    pub line: Option<usize>,
}

/// The date rule of issue 3: `--date`; else a date stamp in the header or a full date in
/// the dateline/lead (the first paragraph, and the next ones while they are short
/// dateline or byline lines); else the caption's date; else the import day. Dates deeper
/// in the body are history. A date after the import day is an event, not the story's date.
pub fn choose_date(
    article: &RawArticle,
    option: Option<NaiveDate>,
    today: NaiveDate,
    timezone: &chrono_tz::Tz,
) -> Dated {
    if let Some(date) = option {
        return Dated {
            date,
            source: DateSource::Option,
            line: None,
        };
    }
    if let Some(published) = article.facts.published {
        return Dated {
            date: published.with_timezone(timezone).date_naive(),
            source: DateSource::Published,
            line: None,
        };
    }
    let plausible = |d: NaiveDate| d <= today.succ_opt().unwrap_or(today);
    if let Some((line, date)) = article.stamp.as_ref().filter(|(_, d)| plausible(*d)) {
        return Dated {
            date: *date,
            source: DateSource::Dateline,
            line: Some(line.line),
        };
    }
    for (i, paragraph) in article.body.iter().take(LEAD_PARAGRAPHS).enumerate() {
        if let Some(found) = dates::find_dates(&paragraph.text)
            .into_iter()
            .find(|f| plausible(f.date))
        {
            let dateline_end = paragraph
                .text
                .find([':', '-', '–', '—'])
                .filter(|&i| i <= 80)
                .unwrap_or(0);
            let in_dateline = i == 0 && found.start < dateline_end;
            let source = if in_dateline || dates::date_stamp_line(&paragraph.text).is_some() {
                DateSource::Dateline
            } else {
                DateSource::Lead
            };
            return Dated {
                date: found.date,
                source,
                line: Some(paragraph.line),
            };
        }
        if !dateline_or_byline(&paragraph.text) {
            break; // the first real paragraph is the lead; what follows is the body
        }
    }
    if let Some(caption) = &article.caption {
        if let Some(found) = dates::find_dates(&caption.raw)
            .into_iter()
            .find(|f| plausible(f.date))
        {
            return Dated {
                date: found.date,
                source: DateSource::Caption,
                line: caption.lines.first().copied(),
            };
        }
    }
    Dated {
        date: today,
        source: DateSource::ImportDay,
        line: None,
    }
}

/// A line before the lead proper: a date stamp, a dateline ("Baghdad- Asharq Al-Awsat"),
/// a byline ("By Jane Doe") or a short label without a full stop.
fn dateline_or_byline(paragraph: &str) -> bool {
    let n = text::char_len(paragraph);
    dates::date_stamp_line(paragraph).is_some()
        || credit::is_dateline_only(paragraph)
        || (n <= 60 && (paragraph.starts_with("By ") || paragraph.starts_with("by ")))
        || (n <= 40 && !paragraph.ends_with(['.', '!', '?', '"', '”', '»']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn article(raw_text: &str) -> RawArticle {
        let file = source::plain::split(raw_text);
        assert_eq!(file.articles.len(), 1, "{file:?}");
        file.articles.into_iter().next().unwrap()
    }

    #[test]
    fn date_rule_table() {
        let today = ymd(2025, 6, 1);
        let caption = "A photo in Tunis on February 2, 2025. Fethi Beland, AFP";
        let cases: &[(String, DateSource, NaiveDate)] = &[
            (format!("Camps Dismantled\n\n{caption}\n{caption}\n\nCamps Dismantled\n\n{caption}\n\nTunisian authorities said on Saturday that the camps were dismantled after weeks of tension in the area.\n"), DateSource::Caption, ymd(2025, 2, 2)),
            (format!("Camps Dismantled\n\n{caption}\n{caption}\n\nCamps Dismantled\n\nTunisian authorities said on 6 February 2025 that the camps were dismantled after weeks of tension in the area.\n"), DateSource::Lead, ymd(2025, 2, 6)),
            ("Camps Dismantled\n\nTUNIS, Feb. 7, 2025 (Reuters) - Tunisian authorities said the camps were dismantled after weeks of tension in the area.\n".into(), DateSource::Dateline, ymd(2025, 2, 7)),
            ("Camps Dismantled\n\nTunisian authorities said on Saturday that the camps were dismantled after weeks of tension in the area.\nIn 2014, on June 10, 2014, the city fell.\n".into(), DateSource::ImportDay, today),
            ("Camps Dismantled\n\nOfficials said elections will be held on March 3, 2031, after a long delay in the whole country as planned.\n".into(), DateSource::ImportDay, today),
            ("Camps Dismantled\n\nThe camps were dismantled, officials said.\nIn 2014, on June 10, 2014, the city fell to the group after a long siege.\n".into(), DateSource::ImportDay, today),
            ("Camps Dismantled\n\nBy Jane Doe\nFeb. 7, 2025\nTunisian authorities said the camps were dismantled after weeks of tension in the area.\n".into(), DateSource::Dateline, ymd(2025, 2, 7)),
        ];
        for (text, source, date) in cases {
            let a = article(text);
            let dated = choose_date(&a, None, today, &chrono_tz::UTC);
            assert_eq!((dated.source, dated.date), (*source, *date), "{text}");
        }
        let a = article(&cases[0].0);
        let dated = choose_date(&a, Some(ymd(2020, 1, 1)), today, &chrono_tz::UTC);
        assert_eq!(
            (dated.source, dated.date),
            (DateSource::Option, ymd(2020, 1, 1))
        );
    }
}
