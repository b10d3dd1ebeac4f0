//! The article read from the chosen element: headline, lead figure, byline, and the body
//! paragraphs, with the lines that only repeat the byline or the date set aside.

use super::*;

impl<'a> Page<'a> {
    /// The visible headline: the `h1` inside the article; else og:title (or JSON-LD
    /// `headline`), or the page's own `h1` when it says the same; else `<title>` without
    /// the site name. Never the site name.
    pub(super) fn title(&self, meta: &Meta, scope: ElementRef<'_>) -> Option<String> {
        let site = meta.site_name();
        let not_site =
            |t: &String| !t.is_empty() && site.as_deref().is_none_or(|s| !plain::same_line(t, s));
        let headline = |e: ElementRef<'_>| {
            let v = e.value();
            self.counts(e).around & MENU == 0
                && !class_words(v)
                    .iter()
                    .any(|w| matches!(w.as_str(), "logo" | "brand" | "masthead" | "site"))
        };
        let in_scope = scope
            .select(&selector("h1"))
            .filter(|e| headline(*e))
            .map(text_of)
            .find(not_site);
        if in_scope.is_some() {
            return in_scope;
        }
        let page_h1s: Vec<String> = self
            .doc
            .select(&selector("body h1"))
            .filter(|e| headline(*e))
            .map(text_of)
            .filter(not_site)
            .collect();
        let stated = meta
            .get("og:title")
            .or_else(|| meta.get("twitter:title"))
            .map(plain_text)
            .or_else(|| meta.ld.headline.clone())
            .map(|t| strip_site_name(&t, site.as_deref()))
            .filter(not_site);
        let said = |t: &str| {
            page_h1s
                .iter()
                .find(|h| plain::same_line(h, t) || t.starts_with(h.as_str()))
                .cloned()
        };
        if let Some(stated) = stated {
            return Some(said(&stated).unwrap_or(stated));
        }
        let from_title = self
            .doc
            .select(&selector("head title, title"))
            .next()
            .map(text_of)
            .map(|t| strip_site_name(&t, site.as_deref()))
            .filter(not_site);
        match from_title {
            Some(t) => Some(said(&t).unwrap_or(t)),
            None => page_h1s.into_iter().next(),
        }
    }

    /// The lead figure: the first `figure` in the article with a picture in it.
    pub(super) fn lead_figure(&self, scope: ElementRef<'a>) -> Option<ElementRef<'a>> {
        scope.select(&selector("figure, div.wp-caption")).find(|f| {
            self.counts(*f).around & MENU == 0
                && f.select(&selector("img, picture, source")).next().is_some()
        })
    }

    /// The author an element marked as the byline names (`rel=author`,
    /// `itemprop=author`, a `byline` or `author` class): "By Jane Doe", "بقلم: …", or
    /// the name alone.
    pub(super) fn byline_element(&self, scope: ElementRef<'_>, meta: &Meta) -> Option<String> {
        let site = meta.site_name();
        scope
            .descendent_elements()
            .filter(|e| {
                let v = e.value();
                self.counts(*e).around & MENU == 0
                    && (v
                        .attr("rel")
                        .is_some_and(|r| r.split_whitespace().any(|w| w == "author"))
                        || v.attr("itemprop")
                            .is_some_and(|p| p.split_whitespace().any(|w| w == "author"))
                        || class_words(v).iter().any(|w| {
                            matches!(
                                w.as_str(),
                                "author" | "byline" | "author-name" | "byline-name"
                            )
                        }))
            })
            .map(text_of)
            .filter(|t| !t.is_empty() && char_len(t) <= 100)
            .find_map(|t| {
                let name = match byline_of(&t) {
                    Some(b) => b.author,
                    None => {
                        let words = t.split_whitespace().count();
                        if words > 5 || t.chars().any(|c| c.is_numeric()) {
                            return None;
                        }
                        t
                    }
                };
                site.as_deref()
                    .is_none_or(|s| !plain::same_line(&name, s))
                    .then_some(name)
            })
    }

    /// The article: title, body, photo, caption and facts.
    pub(super) fn article(
        &self,
        meta: &Meta,
        choice: &Choice<'a>,
        title: String,
    ) -> Result<RawArticle, String> {
        let judge = |e: ElementRef<'_>| -> Verdict {
            let value = e.value();
            if invisible(value.name()) || hidden(value) {
                return Verdict::Skip;
            }
            // WordPress's figure, read as the lead figure like `<figure>`.
            if class_words(value).iter().any(|w| w == "wp-caption") {
                return Verdict::Noise;
            }
            if let Some(verdict) = furniture(value, self.holders.contains(&element_key(e))) {
                // A byline box that is the whole article is no byline box.
                if verdict != Verdict::Aside || self.counts(e).para < 2 * MIN_BODY {
                    return verdict;
                }
            }
            let c = self.counts(e);
            if matches!(
                value.name(),
                "ul" | "ol" | "div" | "section" | "p" | "li" | "table"
            ) && c.text > 0
                && c.link * 5 >= c.text * 4
            {
                return Verdict::Noise;
            }
            Verdict::Walk
        };
        let converted = walk(choice.body, Some(&judge));
        let figure = self.lead_figure(choice.scope);
        let caption = figure
            .and_then(figure_caption)
            .or_else(|| converted.figcaption.as_deref().and_then(caption_from_text));

        let mut body = converted.blocks;
        let mut noise = converted.noise;
        let mut duplicates = Vec::new();
        let mut set_aside = Vec::new();
        let mut author = meta.author();
        let mut byline_agency: Option<&'static str> = None;

        // The header's lines (headline, kicker, byline, date): the headline is a repeat,
        // the byline names the author.
        for line in converted.aside {
            if plain::same_line(&line.text, &title) {
                duplicates.push(line);
                continue;
            }
            if let Some(b) = byline_of(&line.text) {
                if author.is_none() {
                    author = Some(b.author);
                }
                byline_agency = byline_agency.or(b.agency);
            }
            set_aside.push(line);
        }
        if author.is_none() {
            author = self.byline_element(choice.scope, meta);
        }
        // The headline repeated in the body.
        let (kept, repeats): (Vec<RawLine>, Vec<RawLine>) = body
            .into_iter()
            .partition(|b| !plain::same_line(&b.text, &title));
        body = kept;
        duplicates.extend(repeats);
        // Bylines, date and time lines before the lead.
        while let Some(first) = body.first().filter(|b| !b.heading) {
            if let Some(b) = byline_of(&first.text) {
                if author.is_none() {
                    author = Some(b.author);
                }
                byline_agency = byline_agency.or(b.agency);
            } else if !stamp_line(&first.text, author.as_deref()) {
                break;
            }
            set_aside.push(body.remove(0));
        }
        // Notes, trailers, copyright and source lines, anywhere; a byline or date line
        // left at the very end.
        let (kept, notes): (Vec<RawLine>, Vec<RawLine>) = body
            .into_iter()
            .partition(|b| b.heading || plain::furniture(&b.text).is_none());
        body = kept;
        set_aside.extend(notes);
        while let Some(last) = body.last().filter(|b| !b.heading) {
            if byline_of(&last.text).is_none() && !stamp_line(&last.text, author.as_deref()) {
                break;
            }
            set_aside.extend(body.pop());
        }
        body = crate::import::source::drop_caption_repeats(body, caption.as_ref(), &mut duplicates);
        crate::import::source::drop_trailing_headings(&mut body, &mut noise);
        if body.iter().all(|b| b.heading) {
            return Err(format!(
                "no article found: a headline (\u{201c}{title}\u{201d}) with no body text under it"
            ));
        }

        // The agency an article names (its dateline, or an agency as the author) beats
        // the publication the page belongs to.
        let author_agency = author
            .as_deref()
            .filter(|a| char_len(a) <= 40)
            .and_then(credit::dateline_agency);
        if author_agency.is_some() {
            author = None;
        }
        let lead_agency = body
            .iter()
            .find(|b| !b.heading)
            .and_then(|b| credit::dateline_agency(&b.text));
        let source = lead_agency
            .or(author_agency)
            .or(byline_agency)
            .map(str::to_string)
            .or_else(|| meta.publisher());

        // Without a machine date, the page's visible date (a `<time>` or date element)
        // on a line of its own, for the dating rules to read.
        let published = meta.published(self, choice.scope);
        if published.is_none() {
            let shown: Vec<RawLine> = choice
                .scope
                .descendent_elements()
                .filter(|e| {
                    self.counts(*e).around & MENU == 0
                        && (e.value().name() == "time"
                            || class_words(e.value())
                                .iter()
                                .any(|w| matches!(w.as_str(), "date" | "timestamp")))
                })
                .map(text_of)
                .filter(|t| date_stamp_line(t).is_some())
                .filter(|t| !set_aside.iter().any(|l| l.text == *t))
                .map(|t| RawLine::at(0, t))
                .collect();
            set_aside.splice(0..0, shown);
        }
        let source_url = meta.source_url();
        let base = source_url.clone().or_else(|| meta.base());
        let absolute = |url: String| resolve(&url, base.as_deref());
        let image = meta
            .image()
            .or_else(|| figure.and_then(figure_image))
            .or(converted.image)
            .map(absolute)
            .filter(|u| crate::import::source::usable_image_address(u));
        Ok(RawArticle {
            number: 1,
            title: RawLine::at(0, title),
            caption,
            stamp: None,
            body,
            noise,
            duplicates,
            facts: Facts {
                author,
                source,
                source_url,
                image,
                published,
                lang: meta.lang.clone(),
                set_aside,
            },
        })
    }
}

/// A byline line: "By Jane Doe", "By Jane Doe | June 4, 2024", "بقلم: …".
pub(super) fn byline_of(text: &str) -> Option<credit::Byline> {
    let first = text
        .split(['|', '\u{2022}', '\u{00b7}', '\u{2014}', '\u{2013}'])
        .next()
        .unwrap_or(text)
        .trim();
    credit::byline(text).or_else(|| credit::byline(first))
}

/// A line that only repeats when or by whom: a date or time stamp ("June 4, 2024",
/// "Updated 10:30 GMT"), the author's name alone, or such parts joined by "|" or "·".
pub(super) fn stamp_line(text: &str, author: Option<&str>) -> bool {
    if char_len(text) > 120 {
        return false;
    }
    let part = |p: &str| {
        let p = p.trim();
        p.is_empty()
            || date_stamp_line(p).is_some()
            || time_stamp_line(p)
            || author.is_some_and(|a| plain::same_line(p, a))
            || matches!(
                p.to_lowercase().trim_end_matches(':'),
                "published" | "updated" | "last updated" | "posted" | "نشر في" | "آخر تحديث"
            )
    };
    part(text) || text.split(['|', '\u{2022}', '\u{00b7}']).all(part)
}
