//! Finding the article's element: per-element counts from one pass over the page, the
//! readability score, and the choice of body and scope (or why the page has no article).

use super::*;

/// What is around an element: menus and other page furniture, or a header.
pub(super) const MENU: u8 = 1;
pub(super) const HEADER: u8 = 2;

/// Counts for one element, from one pass over the document.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    /// Letters of visible text.
    pub(super) text: usize,
    /// Letters inside links.
    pub(super) link: usize,
    /// Letters of the paragraphs that count (long enough, not mostly links, not inside
    /// page furniture or a header) and how many.
    pub(super) para: usize,
    pub(super) paras: usize,
    /// Headings (`h2`–`h4`) that are links: the headlines of a list of stories.
    pub(super) linked_headings: usize,
    /// `MENU` / `HEADER`: what the element is inside (itself included).
    pub(super) around: u8,
}

/// A parsed page with its per-element counts.
pub(super) struct Page<'a> {
    pub(super) doc: &'a Html,
    pub(super) counts: HashMap<usize, Counts>,
    /// Readability score: paragraph letters of children, and half of grandchildren's.
    pub(super) score: HashMap<usize, usize>,
    /// Elements around an `h1`, `main` or article body (see `furniture`).
    pub(super) holders: HashSet<usize>,
}

/// The article's element, and the element around it where its headline, photo and
/// byline are looked for.
pub(super) struct Choice<'a> {
    pub(super) body: ElementRef<'a>,
    pub(super) scope: ElementRef<'a>,
    /// How the body was found (read by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) how: &'static str,
}

impl<'a> Page<'a> {
    pub(super) fn new(doc: &'a Html) -> Page<'a> {
        let root = doc.tree.root();
        let nodes: Vec<_> = root.descendants().collect();
        let mut counts: HashMap<usize, Counts> = HashMap::new();
        // The elements around the headline, the main element and the article body.
        let mut holders: HashSet<usize> = HashSet::new();
        for element in doc.select(&selector("h1, main, [itemprop=articleBody]")) {
            for ancestor in element.ancestors() {
                if !holders.insert(key(ancestor.value())) {
                    break;
                }
            }
        }
        // What each element is inside, top down.
        for node in &nodes {
            let Some(element) = ElementRef::wrap(*node) else {
                continue;
            };
            let parent = node
                .parent()
                .and_then(|p| counts.get(&key(p.value())))
                .map_or(0, |c| c.around);
            let value = element.value();
            let mut around = parent;
            match furniture(value, holders.contains(&key(node.value()))) {
                Some(Verdict::Skip | Verdict::Noise) => around |= MENU,
                Some(Verdict::Aside) if matches!(value.name(), "header") => around |= HEADER,
                _ => {}
            }
            if value.attr("role") == Some("banner") {
                around |= MENU;
            }
            if hidden(value) {
                around |= MENU;
            }
            counts.insert(
                key(node.value()),
                Counts {
                    around,
                    ..Counts::default()
                },
            );
        }
        // Text, links and paragraphs, bottom up.
        for node in nodes.iter().rev() {
            let own = match node.value() {
                Node::Text(text) => Counts {
                    text: letters(text),
                    ..Counts::default()
                },
                Node::Element(element) => {
                    let mut own = counts.get(&key(node.value())).copied().unwrap_or_default();
                    let name = element.name();
                    if invisible(name) {
                        own.text = 0;
                        own.link = 0;
                    }
                    if name == "a" {
                        own.link = own.text;
                    }
                    if name == "p"
                        && own.around == 0
                        && own.text >= MIN_PARAGRAPH
                        && own.link * 2 < own.text
                    {
                        own.para = own.text;
                        own.paras = 1;
                    }
                    if matches!(name, "h2" | "h3" | "h4") && own.link > 0 && own.around == 0 {
                        own.linked_headings = 1;
                    }
                    counts.insert(key(node.value()), own);
                    own
                }
                _ => continue,
            };
            if let Some(parent) = node.parent() {
                if let Some(p) = counts.get_mut(&key(parent.value())) {
                    p.text += own.text;
                    p.link += own.link;
                    p.para += own.para;
                    p.paras += own.paras;
                    p.linked_headings += own.linked_headings;
                }
            }
        }
        // Readability: each counted paragraph scores for its parent and grandparent.
        let mut score: HashMap<usize, usize> = HashMap::new();
        for node in &nodes {
            let Some(element) = ElementRef::wrap(*node) else {
                continue;
            };
            if element.value().name() != "p" {
                continue;
            }
            let c = counts.get(&key(node.value())).copied().unwrap_or_default();
            if c.paras == 0 {
                continue;
            }
            if let Some(parent) = node.parent() {
                *score.entry(key(parent.value())).or_default() += c.para;
                if let Some(grand) = parent.parent() {
                    *score.entry(key(grand.value())).or_default() += c.para / 2;
                }
            }
        }
        Page {
            doc,
            counts,
            score,
            holders,
        }
    }

    pub(super) fn counts(&self, element: ElementRef<'_>) -> Counts {
        self.counts
            .get(&element_key(element))
            .copied()
            .unwrap_or_default()
    }

    pub(super) fn body_element(&self) -> ElementRef<'a> {
        self.doc
            .select(&selector("body"))
            .next()
            .unwrap_or_else(|| self.doc.root_element())
    }

    /// Enough paragraph text for an article, and not a list of story headlines.
    pub(super) fn holds_article(&self, element: ElementRef<'_>) -> bool {
        let c = self.counts(element);
        c.para >= MIN_BODY && c.linked_headings * 2 < c.paras.max(1) + 1 && c.link * 2 < c.text
    }

    /// The best of `candidates` by paragraph text, if it holds an article.
    pub(super) fn best(&self, candidates: Vec<ElementRef<'a>>) -> Option<ElementRef<'a>> {
        candidates
            .into_iter()
            .filter(|e| self.counts(*e).around & MENU == 0)
            .max_by_key(|e| self.counts(*e).para)
            .filter(|e| self.holds_article(*e))
    }

    /// The nearest `article` or `main` around an element, else the page body.
    pub(super) fn scope_of(&self, element: ElementRef<'a>) -> ElementRef<'a> {
        element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| {
                let v = a.value();
                matches!(v.name(), "article" | "main") || v.attr("role") == Some("main")
            })
            .unwrap_or_else(|| self.body_element())
    }

    /// Find the article's element (see the module comment), or say why there is none.
    pub(super) fn choose(&self) -> Result<Choice<'a>, String> {
        let body_classes = [
            "articlebody",
            "article-body",
            "article__body",
            "article_body",
            "article-content",
            "article__content",
            "article-text",
            "story-body",
            "story__body",
            "story-content",
            "story-text",
            "entry-content",
            "post-content",
            "post-body",
            "post-entry",
            "content-body",
            "body-text",
            "field-body",
            "rich-text",
        ];
        let marked: Vec<ElementRef<'a>> = self
            .doc
            .select(&selector("[itemprop=articleBody], [class], [id]"))
            .filter(|e| {
                let v = e.value();
                v.attr("itemprop")
                    .is_some_and(|p| p.split_whitespace().any(|w| w == "articleBody"))
                    || class_words(v)
                        .iter()
                        .any(|w| body_classes.contains(&w.as_str()))
            })
            .collect();
        if let Some(body) = self.best(marked) {
            return Ok(Choice {
                body,
                scope: self.scope_of(body),
                how: "the article body element",
            });
        }
        let articles: Vec<ElementRef<'a>> = self
            .doc
            .select(&selector("article"))
            .filter(|e| self.counts(*e).around & MENU == 0)
            .collect();
        let mut scores: Vec<usize> = articles.iter().map(|a| self.counts(*a).para).collect();
        scores.sort_unstable_by(|a, b| b.cmp(a));
        // Several `article`s of like size are the cards of a list, not one article.
        let cards = scores.len() >= 3 && scores[0] < 2 * scores[1];
        if !cards {
            if let Some(body) = self.best(articles) {
                return Ok(Choice {
                    body,
                    scope: body,
                    how: "the <article> element",
                });
            }
        }
        let mains: Vec<ElementRef<'a>> = self.doc.select(&selector("main, [role=main]")).collect();
        if let Some(body) = self.best(mains) {
            return Ok(Choice {
                body,
                scope: body,
                how: "the <main> element",
            });
        }
        let best = self
            .doc
            .root_element()
            .descendent_elements()
            .filter(|e| self.counts(*e).around & MENU == 0)
            .filter_map(|e| self.score.get(&element_key(e)).map(|s| (*s, e)))
            .max_by_key(|(s, _)| *s)
            .map(|(_, e)| e)
            .filter(|e| !cards && self.holds_article(*e));
        if let Some(body) = best {
            return Ok(Choice {
                body,
                scope: self.scope_of(body),
                how: "the element with the most paragraph text",
            });
        }
        Err(self.why_no_article(cards.then_some(scores.len())))
    }

    /// Why the page holds no article, in words for the editor.
    pub(super) fn why_no_article(&self, cards: Option<usize>) -> String {
        let body = self.body_element();
        if self.counts(body).text == 0 {
            return "the page is empty (its body has no text)".to_string();
        }
        let links: Vec<ElementRef<'_>> = body
            .select(&selector("a[href]"))
            .filter(|a| !text_of(*a).is_empty())
            .collect();
        let listed = links
            .iter()
            .filter(|a| self.counts(**a).around & (MENU | HEADER) == 0)
            .count();
        if let Some(n) = cards {
            return format!("the page is a list of {n} stories, not one article");
        }
        if listed >= 3 {
            return format!("the page is a list of {listed} links with no body text");
        }
        if !links.is_empty() {
            let cookie = body.descendent_elements().any(|e| {
                class_words(e.value())
                    .iter()
                    .any(|w| matches!(w.as_str(), "cookie" | "cookies" | "consent" | "gdpr"))
            });
            return format!(
                "the page is only navigation{} ({} link{}) with no body text",
                if cookie { " and a cookie notice" } else { "" },
                links.len(),
                if links.len() == 1 { "" } else { "s" }
            );
        }
        let headline = body
            .select(&selector("h1"))
            .map(text_of)
            .find(|t| !t.is_empty());
        match headline {
            Some(h) => format!("a headline (\u{201c}{h}\u{201d}) with no body text under it"),
            None => "no paragraphs of body text".to_string(),
        }
    }
}
