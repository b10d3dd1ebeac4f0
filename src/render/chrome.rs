//! The site's header and footer (the theme's `header.html` and `footer.html`, which
//! `base.html` prints as `chrome.header` and `chrome.footer`), rendered once per kind of
//! page and depth instead of on every page: the navigation and its UI strings were
//! nearly half of what tera spent on a page.
//!
//! So that pages can share them, they see less than the page: `site`, `generator`,
//! `now`, `root`, `assets`, `page.kind`, `page.lang`, `page.dir`, `page.languages` and
//! `region`. A page whose language switcher is its own (a translated article) has its
//! chrome rendered for it alone. A theme without the two templates, or whose `base.html`
//! does not print `chrome`, renders its pages as before.

use super::RenderContext;
use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};
use tera::Value;

pub const HEADER_TEMPLATE: &str = "header.html";
pub const FOOTER_TEMPLATE: &str = "footer.html";

/// `chrome` in a page's context.
#[derive(Debug, Serialize)]
pub struct Chrome {
    header: String,
    footer: String,
}

/// What the chrome of a page depends on besides the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    root: String,
    assets: String,
    kind: String,
    lang: String,
    dir: String,
    /// The region page's region (the navigation marks it as current).
    region: Option<String>,
}

/// The chrome made so far, by key; `None` when the theme does not use it.
pub struct Chromes {
    made: Option<RwLock<HashMap<Key, Arc<Chrome>>>>,
    /// The language switcher that links the language homes, as pages carry it: made on
    /// the first page (after the rendering's language is set), compared on every one.
    homes: OnceLock<Value>,
}

impl Chromes {
    pub fn of(tera: &tera::Tera) -> Self {
        let has = |name: &str| tera.get_template_names().any(|n| n == name);
        let used = has(HEADER_TEMPLATE)
            && has(FOOTER_TEMPLATE)
            && super::fragments::reads(tera, "chrome.header");
        Chromes {
            made: used.then(Default::default),
            homes: OnceLock::new(),
        }
    }
}

impl RenderContext<'_> {
    /// Put `chrome` into a page's `context` (unless the theme does not use it).
    pub(super) fn insert_chrome(&self, context: &mut tera::Context) -> Result<()> {
        let Some(made) = &self.chromes.made else {
            return Ok(());
        };
        let text = |value: Option<&Value>| value.and_then(Value::as_str).unwrap_or("").to_string();
        let page = context.get("page");
        let field = |name: &str| page.and_then(|p| p.get(name));
        let region = context.get("region");
        let key = Key {
            root: text(context.get("root")),
            assets: text(context.get("assets")),
            kind: text(field("kind")),
            lang: text(field("lang")),
            dir: text(field("dir")),
            region: region.and_then(|r| r.get("slug")).map(|s| text(Some(s))),
        };
        let languages = field("languages").cloned().unwrap_or(Value::Null);
        // Pages that link the language homes share; a page with links of its own does not.
        let homes = self
            .chromes
            .homes
            .get_or_init(|| tera::to_value(&self.languages).unwrap_or(Value::Null));
        let shared = languages == *homes;
        let cached = shared
            .then(|| {
                let made = made.read().unwrap_or_else(|e| e.into_inner());
                made.get(&key).cloned()
            })
            .flatten();
        let chrome = match cached {
            Some(chrome) => chrome,
            None => {
                let mut values = tera::Context::new();
                values.extend(self.base.clone());
                values.insert("root", &key.root);
                values.insert("assets", &key.assets);
                let mut page = serde_json::Map::new();
                for name in ["kind", "lang", "dir"] {
                    page.insert(name.into(), field(name).cloned().unwrap_or(Value::Null));
                }
                page.insert("languages".into(), languages);
                values.insert("page", &page);
                if let Some(region) = region {
                    values.insert("region", region);
                }
                let render = |template: &str| {
                    self.tera
                        .render(template, &values)
                        .map_err(|e| super::render_error(template, &e))
                };
                let chrome = Arc::new(Chrome {
                    header: render(HEADER_TEMPLATE)?,
                    footer: render(FOOTER_TEMPLATE)?,
                });
                if shared {
                    let mut made = made.write().unwrap_or_else(|e| e.into_inner());
                    made.entry(key).or_insert_with(|| chrome.clone());
                }
                chrome
            }
        };
        context.insert("chrome", &*chrome);
        Ok(())
    }
}
