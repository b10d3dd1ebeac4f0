//! What a theme renders per article, rendered once per article and reused by every page
//! that shows it: the card of listings (`card.html`) and the line of "Related coverage"
//! (`entry.html`). An article's card appears on about seven listings (home, region, each
//! tag, year, month); rendering it through a macro on each cost a third of a build's CPU.
//!
//! A fragment holds links relative to the page that prints it (`root`), and pages sit at
//! different depths, so a fragment is rendered once with `ROOT_MARK` for `root` and each
//! page swaps in its own. `ROOT_MARK` is a Unicode noncharacter: never meaningful in
//! text, and removed from an article's fields before they reach a fragment, so the only
//! marks in a fragment are the ones its template printed for `root`.

use super::RenderContext;
use crate::spill::{Spill, Spilled};
use anyhow::{anyhow, Result};
use std::sync::OnceLock;

/// Stands for `root` in a fragment until a page puts it in its place.
pub const ROOT_MARK: char = '\u{FDD0}';

/// The theme templates rendered once per article; a theme without one falls back to
/// giving its pages the article views (`pagination.articles`, `related`).
pub const CARD_TEMPLATE: &str = "card.html";
pub const ENTRY_TEMPLATE: &str = "entry.html";

/// Which fragments a theme renders, and whether its pages still read the article views
/// the fragments replace (a theme made before fragments, or a site's own override).
#[derive(Debug, Clone, Copy)]
pub struct FragmentUse {
    pub cards: bool,
    pub entries: bool,
    /// A template reads `pagination.articles`: listings serialise their card views.
    pub card_views: bool,
    /// A template reads `related`: article pages serialise the related card views.
    pub related_views: bool,
}

impl FragmentUse {
    pub fn of(tera: &tera::Tera) -> Self {
        let has = |name: &str| tera.get_template_names().any(|n| n == name);
        let reads = |ident: &str| reads(tera, ident);
        let cards = has(CARD_TEMPLATE);
        let entries = has(ENTRY_TEMPLATE);
        FragmentUse {
            cards,
            entries,
            card_views: !cards || reads("pagination.articles"),
            related_views: !entries || reads("related\""),
        }
    }
}

/// Whether a template of `tera` reads a name starting with `ident` (`a.b` for `a.b.c`;
/// end it with `"` for the exact name). The parsed templates, printed: an identifier
/// shows as `Ident("a.b")`. Cheaper and sturdier to ask once per build than to walk
/// tera's whole AST by hand.
pub(super) fn reads(tera: &tera::Tera, ident: &str) -> bool {
    let needle = format!("Ident(\"{ident}");
    tera.templates
        .values()
        .any(|t| format!("{:?}{:?}", t.ast, t.macros).contains(&needle))
}

/// An article's fragments, each `None` when the theme has no template for it. They wait
/// in the scratch file (`spill`): every article has them, for the whole build.
#[derive(Debug, Default)]
struct Rendered {
    card: Option<Spilled>,
    entry: Option<Spilled>,
}

/// Every article's fragments, rendered together on first use (a full build needs both
/// for nearly every article; the card view is made into a template value only once).
pub struct Fragments {
    articles: Vec<OnceLock<Result<Rendered, String>>>,
    /// Where they wait: a scratch file of this rendering's own, gone with it.
    spill: Spill,
}

impl Fragments {
    pub fn new(articles: usize) -> Self {
        Fragments {
            articles: (0..articles).map(|_| OnceLock::new()).collect(),
            spill: Spill::new(),
        }
    }
}

impl RenderContext<'_> {
    /// Article `i`'s card as the page at depth `root` prints it.
    pub fn card_html(&self, i: usize, root: &str) -> Result<String> {
        let rendered = self.fragments_of(i)?;
        self.placed(i, rendered.card.as_ref(), root)
    }

    /// Article `i`'s "Related coverage" line as the page at depth `root` prints it.
    pub fn entry_html(&self, i: usize, root: &str) -> Result<String> {
        let rendered = self.fragments_of(i)?;
        self.placed(i, rendered.entry.as_ref(), root)
    }

    /// A fragment of article `i` read back, with `root` in place of its marks.
    fn placed(&self, i: usize, fragment: Option<&Spilled>, root: &str) -> Result<String> {
        let Some(fragment) = fragment else {
            return Ok(String::new());
        };
        let html = fragment.get_string().map_err(|e| {
            let article = &self.index.articles[i];
            anyhow!(
                "{}: its card or related line could not be read back from the scratch file: {e}",
                article.source_path.display()
            )
        })?;
        Ok(place(&html, root))
    }

    fn fragments_of(&self, i: usize) -> Result<&Rendered> {
        self.fragments.articles[i]
            .get_or_init(|| self.render_fragments(i))
            .as_ref()
            .map_err(|e| anyhow!("{e}"))
    }

    fn render_fragments(&self, i: usize) -> Result<Rendered, String> {
        let mut card = tera::to_value(self.new_card(i)).map_err(|e| e.to_string())?;
        without_mark(&mut card);
        let mark = ROOT_MARK.to_string();
        let mut values = serde_json::Map::new();
        values.insert("a".into(), card);
        values.insert("assets".into(), format!("{mark}{}", self.assets_up).into());
        values.insert("root".into(), mark.into());
        let context = tera::Context::from_value(values.into()).map_err(|e| e.to_string())?;
        let render = |wanted: bool, template: &str| -> Result<Option<Spilled>, String> {
            if !wanted {
                return Ok(None);
            }
            self.tera
                .render(template, &context)
                .map(|html| Some(self.fragments.spill.put(html.as_bytes())))
                .map_err(|e| super::render_error(template, &e).to_string())
        };
        Ok(Rendered {
            card: render(self.fragment_use.cards, CARD_TEMPLATE)?,
            entry: render(self.fragment_use.entries, ENTRY_TEMPLATE)?,
        })
    }
}

/// `value` with every `ROOT_MARK` removed from its strings (an article's text would
/// otherwise turn it into a link prefix).
fn without_mark(value: &mut tera::Value) {
    match value {
        tera::Value::String(s) if s.contains(ROOT_MARK) => *s = s.replace(ROOT_MARK, ""),
        tera::Value::Array(items) => items.iter_mut().for_each(without_mark),
        tera::Value::Object(map) => map.values_mut().for_each(without_mark),
        _ => {}
    }
}

/// `fragment` with every `ROOT_MARK` replaced by `root`. By hand: `str::replace` grows
/// its result from empty, which showed in profiles (a card has ~6 marks).
fn place(fragment: &str, root: &str) -> String {
    let mut placed = String::with_capacity(fragment.len() + 8 * root.len());
    let mut parts = fragment.split(ROOT_MARK);
    placed.push_str(parts.next().unwrap_or_default());
    for part in parts {
        placed.push_str(root);
        placed.push_str(part);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_the_page_root() {
        let fragment =
            format!("<a href=\"{ROOT_MARK}2024/02/x/\">x</a><img src=\"{ROOT_MARK}../a.webp\">");
        assert_eq!(
            place(&fragment, "../../"),
            "<a href=\"../../2024/02/x/\">x</a><img src=\"../../../a.webp\">"
        );
    }

    fn tera(templates: &[(&str, &str)]) -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    #[test]
    fn a_theme_with_fragments_gets_no_views_unless_it_reads_them() {
        let with = tera(&[
            (CARD_TEMPLATE, "<h2>{{ a.title }}</h2>"),
            (ENTRY_TEMPLATE, "<li>{{ a.title }}</li>"),
            (
                "tag.html",
                "{% for c in pagination.cards %}{{ c | safe }}{% endfor %}",
            ),
            (
                "article.html",
                "{% for e in related_entries %}{{ e | safe }}{% endfor %}",
            ),
        ]);
        let use_ = FragmentUse::of(&with);
        assert!(use_.cards && use_.entries);
        assert!(!use_.card_views && !use_.related_views);

        // A site's own tag.html from before fragments still gets its card views.
        let old = tera(&[
            (CARD_TEMPLATE, "<h2>{{ a.title }}</h2>"),
            (ENTRY_TEMPLATE, "<li>{{ a.title }}</li>"),
            (
                "tag.html",
                "{% for a in pagination.articles %}{{ a.title }}{% endfor %}",
            ),
            (
                "article.html",
                "{% if related %}{% for a in related %}{{ a.title }}{% endfor %}{% endif %}",
            ),
        ]);
        let use_ = FragmentUse::of(&old);
        assert!(use_.card_views && use_.related_views);

        // A theme without the fragment templates: views only.
        let none = tera(&[("tag.html", "{{ pagination.number }}")]);
        let use_ = FragmentUse::of(&none);
        assert!(!use_.cards && !use_.entries && use_.card_views && use_.related_views);
    }

    #[test]
    fn marks_in_text_are_removed() {
        let mut value = serde_json::json!({"title": format!("a{ROOT_MARK}b"), "tags": [{"name": format!("{ROOT_MARK}x")}]});
        without_mark(&mut value);
        assert_eq!(
            value,
            serde_json::json!({"title": "ab", "tags": [{"name": "x"}]})
        );
    }
}
