//! The digest as a newsletter: for every edition, `email.html` (one 600 px column of
//! tables, every style inlined on its element by css-inline, absolute URLs only, under
//! Gmail's 102 KB clipping size) and `email.txt` (the same edition as plain text wrapped
//! at 72 columns), from the theme's `email.html` and `email.txt` templates; and
//! `digest/feed.xml`, an Atom feed whose entries carry whole editions, for the mail
//! services that send a newsletter from a feed. `gazette email` wraps one edition's two
//! parts into a MIME message (src/email.rs).

use super::view::CardView;
use super::xml;
use super::{OutputFile, RenderContext};
use crate::content::markdown::escape_html;
use crate::index::editions::{Edition, DIGEST_DIR};
use anyhow::{Context as _, Result};
use serde::Serialize;
use std::collections::HashMap;

/// Gmail clips a message past 102 KB (of HTML, after inlining): the rest of the week is
/// listed as headlines instead.
pub const CLIP_LIMIT: usize = 102 * 1024;
/// Width the plain-text part is wrapped at (RFC 3676's advice for flowed text).
pub const TEXT_WIDTH: usize = 72;
/// Templates a theme provides for the newsletter; without them no email is written.
pub const HTML_TEMPLATE: &str = "email.html";
pub const TEXT_TEMPLATE: &str = "email.txt";
/// The editions feed.
pub const EDITIONS_FEED: &str = "digest/feed.xml";

/// One edition's two parts, and what a message needs around them.
#[derive(Debug, Clone)]
pub struct EditionEmail {
    pub key: String,
    /// "Week 6, 2024 — Gazette Digest".
    pub subject: String,
    pub html: String,
    pub text: String,
    /// Stories shown with their summary; the rest are headlines (clipping).
    pub full_stories: usize,
    pub stories: usize,
}

#[derive(Debug, Serialize)]
struct ImageView<'a> {
    src: String,
    alt: &'a str,
    width: u32,
    height: u32,
}

#[derive(Debug, Serialize)]
struct StoryView<'a> {
    title: &'a str,
    url: &'a str,
    summary: &'a str,
    date: &'a str,
    region: &'a str,
    source: Option<&'a str>,
    image: Option<ImageView<'a>>,
    /// The story's own language and direction (an Arabic story in an English edition).
    lang: &'a str,
    dir: &'static str,
}

#[derive(Debug, Serialize)]
struct SectionView<'a> {
    name: &'a str,
    url: String,
    stories: Vec<StoryView<'a>>,
}

#[derive(Debug, Serialize)]
struct EmailView<'a> {
    title: String,
    range: String,
    url: String,
    /// The lead story's summary: shown by mail clients beside the subject, hidden in the body.
    preheader: &'a str,
    lang: &'a str,
    dir: &'static str,
    lead: Option<StoryView<'a>>,
    sections: Vec<SectionView<'a>>,
    /// Headlines past the clipping budget.
    more: Vec<StoryView<'a>>,
    /// Stories past even the headline budget: only counted, with a link to the edition.
    omitted: usize,
    archive_url: String,
    feed_url: String,
    unsubscribe: Option<&'a str>,
}

/// Width of the column's photos; height keeps 16:9 (the theme scales it with `height:auto`).
const PHOTO_WIDTH: u32 = 560;

fn absolute(ctx: &RenderContext<'_>, url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        url.to_string()
    } else {
        ctx.config.base_url.url_for(url)
    }
}

/// The cards of one edition's stories, made once for its email (whose clip-limit search
/// renders it several times) and dropped with it: editions hold every article of the
/// site, and cards kept for the whole build would grow with the archive.
struct EditionCards<'a> {
    cards: HashMap<usize, CardView<'a>>,
}

impl<'a> EditionCards<'a> {
    fn new(ctx: &RenderContext<'a>, edition: &Edition) -> Self {
        EditionCards {
            cards: edition.articles().map(|i| (i, ctx.new_card(i))).collect(),
        }
    }

    fn get(&self, i: usize) -> &CardView<'a> {
        &self.cards[&i]
    }
}

fn story<'c>(
    ctx: &RenderContext<'_>,
    cards: &'c EditionCards<'_>,
    i: usize,
    full: bool,
) -> StoryView<'c> {
    let card = cards.get(i);
    StoryView {
        title: card.title,
        url: &card.permalink,
        summary: if full { card.summary } else { "" },
        date: &card.date_display,
        region: card.region.name,
        source: card.source,
        lang: card.lang,
        dir: card.dir,
        image: card.image.filter(|_| full).map(|src| ImageView {
            // A processed photo's widest variant (the original may be a content file
            // that is not published as such, or far larger than an email needs).
            src: match card.photo {
                Some(photo) => ctx.config.base_url.url_for(&photo.src),
                None => absolute(ctx, src),
            },
            // A caption describes the news, not the picture; `image_alt` does, else the
            // title is the best short description gazette has.
            alt: if card.image_alt.is_empty() {
                card.title
            } else {
                card.image_alt
            },
            width: PHOTO_WIDTH,
            height: card
                .photo
                .filter(|p| p.width > 0)
                .map_or(PHOTO_WIDTH * 9 / 16, |p| {
                    (PHOTO_WIDTH as u64 * p.height as u64 / p.width as u64) as u32
                }),
        }),
    }
}

/// How much of an edition an email shows: the first `full` stories (page order) with
/// summary and photo, then headlines up to `listed` stories in all; the rest are counted.
#[derive(Debug, Clone, Copy)]
struct Budget {
    full: usize,
    listed: usize,
}

/// The view of `edition` within `budget`.
fn email_view<'a>(
    ctx: &'a RenderContext<'_>,
    cards: &'a EditionCards<'_>,
    edition: &'a Edition,
    budget: Budget,
) -> EmailView<'a> {
    let Budget { full, listed } = budget;
    let order: Vec<usize> = edition.articles().collect();
    let lead = order.first().map(|&i| story(ctx, cards, i, full > 0));
    let mut shown = 1;
    let mut sections = Vec::new();
    let mut more = Vec::new();
    for group in &edition.groups {
        let mut stories = Vec::new();
        for &i in &group.articles {
            if Some(&i) == order.first() {
                continue;
            }
            if shown < full {
                stories.push(story(ctx, cards, i, true));
            } else if shown < listed {
                more.push(story(ctx, cards, i, false));
            }
            shown += 1;
        }
        if !stories.is_empty() {
            let name = ctx
                .index
                .region(&group.region)
                .map_or(group.region.as_str(), |r| r.name.as_str());
            sections.push(SectionView {
                name,
                url: ctx
                    .config
                    .base_url
                    .url_for(&super::view::region_path(&group.region)),
                stories,
            });
        }
    }
    // Featured stories other than the lead come first, as on the edition page.
    let featured: Vec<StoryView<'a>> = edition
        .featured
        .iter()
        .skip(1)
        .map(|&i| story(ctx, cards, i, true))
        .collect();
    if !featured.is_empty() {
        sections.insert(
            0,
            SectionView {
                name: "Top stories",
                url: ctx.config.base_url.url_for(&edition.path()),
                stories: featured,
            },
        );
    }
    let lang = ctx.config.lang.as_str();
    EmailView {
        title: ctx.edition_title(edition),
        range: ctx.edition_range(edition),
        url: ctx.config.base_url.url_for(&edition.path()),
        preheader: order.first().map_or("", |&i| cards.get(i).summary),
        lang,
        dir: ctx.config.dir_of(lang),
        lead,
        sections,
        more,
        omitted: order.len().saturating_sub(listed.max(1)),
        archive_url: ctx.config.base_url.url_for(DIGEST_DIR),
        feed_url: ctx.config.base_url.url_for(EDITIONS_FEED),
        unsubscribe: ctx.config.newsletter.unsubscribe.as_deref(),
    }
}

/// Move every `<style>` rule onto the elements it matches (mail clients drop or ignore
/// style sheets); `@media` rules (dark mode, narrow screens) stay in a `<style>` block,
/// since they cannot be inlined and the clients that matter honour them.
fn inline_styles(html: &str) -> Result<String> {
    let inliner = css_inline::CSSInliner::options()
        .keep_at_rules(true)
        .load_remote_stylesheets(false)
        .build();
    inliner
        .inline(html)
        .context("template email.html: cannot inline its styles")
}

/// Render the email of one edition within Gmail's clipping size: as many stories in full
/// as fit (always the lead), then as many of the rest as headlines as fit; the remainder
/// is counted and linked. Each limit is found by bisection over whole renders.
pub fn edition_email(ctx: &RenderContext<'_>, edition: &Edition) -> Result<EditionEmail> {
    let stories = edition.len();
    let cards = EditionCards::new(ctx, edition);
    let render_html = |budget: Budget| -> Result<String> {
        let mut context = tera::Context::new();
        context.insert("site", &site_view(ctx));
        context.insert("edition", &email_view(ctx, &cards, edition, budget));
        let html = ctx
            .tera
            .render(HTML_TEMPLATE, &context)
            .map_err(|e| super::render_error(HTML_TEMPLATE, &e))?;
        inline_styles(&html)
    };
    let everything = Budget {
        full: stories,
        listed: stories,
    };
    let mut budget = everything;
    let mut html = render_html(budget)?;
    if html.len() > CLIP_LIMIT {
        let with_full = |full| Budget {
            full,
            listed: stories,
        };
        (budget, html) = largest_fitting(1, stories, html.len(), with_full, &render_html)?;
        if html.len() > CLIP_LIMIT {
            let with_listed = |listed| Budget { full: 1, listed };
            (budget, html) = largest_fitting(1, stories, html.len(), with_listed, &render_html)?;
        }
    }
    let mut context = tera::Context::new();
    context.insert("site", &site_view(ctx));
    context.insert("edition", &email_view(ctx, &cards, edition, everything));
    let text = ctx
        .tera
        .render(TEXT_TEMPLATE, &context)
        .map_err(|e| super::render_error(TEXT_TEMPLATE, &e))?;
    Ok(EditionEmail {
        key: edition.key.clone(),
        subject: format!("{} — {}", ctx.edition_title(edition), ctx.config.title),
        html,
        text: wrap(text.trim_start_matches('\n'), TEXT_WIDTH),
        full_stories: budget.full,
        stories,
    })
}

/// The largest n in [low, high) whose render fits `CLIP_LIMIT` (or `low` when none
/// does), with its render. Renders grow with n, and `high_len` is the size at `high`.
/// Each render is inlined (costly on a big edition), so the search starts where a
/// straight line through the sizes at `low` and `high` crosses the limit and widens
/// from there: a handful of renders where plain bisection over hundreds of stories
/// took ten or more, with the same answer.
fn largest_fitting(
    low: usize,
    high: usize,
    high_len: usize,
    budget: impl Fn(usize) -> Budget,
    render: &impl Fn(Budget) -> Result<String>,
) -> Result<(Budget, String)> {
    let mut best = render(budget(low))?;
    if best.len() > CLIP_LIMIT || high <= low + 1 {
        return Ok((budget(low), best));
    }
    let (mut fits, mut too_big) = (low, high);
    let per_story = high_len.saturating_sub(best.len()) as f64 / (high - low) as f64;
    let room = (CLIP_LIMIT - best.len()) as f64;
    let mut probe = (low + (room / per_story.max(1.0)) as usize).clamp(low + 1, high - 1);
    // Step away from the guess, doubling, while renders keep the first one's outcome;
    // once the outcome flips the answer is bracketed: bisect.
    let mut first_outcome = None;
    let mut step = 1;
    while too_big - fits > 1 {
        let candidate = render(budget(probe))?;
        let fit = candidate.len() <= CLIP_LIMIT;
        if fit {
            fits = probe;
            best = candidate;
        } else {
            too_big = probe;
        }
        if too_big - fits <= 1 {
            break;
        }
        probe = if *first_outcome.get_or_insert(fit) == fit && step > 0 {
            let next = if fit {
                (probe + step).min(too_big - 1)
            } else {
                probe.saturating_sub(step).max(fits + 1)
            };
            step *= 2;
            next
        } else {
            step = 0;
            (fits + too_big) / 2
        };
    }
    Ok((budget(fits), best))
}

#[derive(Debug, Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    url: &'a str,
}

fn site_view<'a>(ctx: &'a RenderContext<'_>) -> SiteView<'a> {
    SiteView {
        title: &ctx.config.title,
        description: &ctx.config.description,
        url: ctx.config.base_url.as_str(),
    }
}

/// Whether the theme has the newsletter templates.
pub fn theme_has_email(ctx: &RenderContext<'_>) -> bool {
    let names: Vec<&str> = ctx.tera.get_template_names().collect();
    names.contains(&HTML_TEMPLATE) && names.contains(&TEXT_TEMPLATE)
}

/// The newsletter files of a build: `email.html` and `email.txt` beside the page of every
/// edition (when the theme has the templates), and the editions feed.
pub fn newsletter_files(ctx: &RenderContext<'_>) -> Result<Vec<OutputFile>> {
    use rayon::prelude::*;
    let editions = &ctx.index.editions;
    let mut files = vec![editions_feed(ctx, editions)];
    if theme_has_email(ctx) {
        let emails: Vec<EditionEmail> = editions
            .par_iter()
            .map(|e| edition_email(ctx, e))
            .collect::<Result<_>>()?;
        for (edition, email) in editions.iter().zip(emails) {
            let dir = edition.path();
            files.push(OutputFile::new(format!("{dir}email.html"), email.html));
            files.push(OutputFile::new(format!("{dir}email.txt"), email.text));
        }
    }
    Ok(files)
}

/// What `check` says about an edition's email: shortened to stay under Gmail's clip
/// limit, or holding a link or image that a mail client cannot follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailProblem {
    /// Where the email is published: `digest/2024-w06/email.html`.
    pub path: String,
    pub message: String,
}

/// The problems of every edition's email (none when the theme has no email templates).
pub fn email_problems(ctx: &RenderContext<'_>) -> Result<Vec<EmailProblem>> {
    if !theme_has_email(ctx) {
        return Ok(Vec::new());
    }
    let mut problems = Vec::new();
    for edition in &ctx.index.editions {
        let email = edition_email(ctx, edition)?;
        let path = format!("{}email.html", edition.path());
        if email.full_stories < email.stories {
            problems.push(EmailProblem {
                path: path.clone(),
                message: format!(
                    "the {} email would pass Gmail's {} KB clip limit with every summary: {} of {} stories keep their summary, the rest are listed as headlines",
                    email.key,
                    CLIP_LIMIT / 1024,
                    email.full_stories,
                    email.stories
                ),
            });
        }
        for url in relative_urls(&email.html) {
            problems.push(EmailProblem {
                path: path.clone(),
                message: format!(
                    "the {} email links \"{url}\", which a mail client cannot open: make it absolute ({{{{ site.url }}}} in the template)",
                    email.key
                ),
            });
        }
    }
    Ok(problems)
}

/// The `href` and `src` values of `html` that are not absolute (`https://…`, `mailto:`)
/// or a fragment of the message itself.
fn relative_urls(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for element in document
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for name in ["href", "src"] {
            let Some(value) = element.value().attr(name).map(str::trim) else {
                continue;
            };
            let lower = value.to_ascii_lowercase();
            let absolute = ["https://", "http://", "mailto:", "tel:", "cid:", "#"]
                .iter()
                .any(|scheme| lower.starts_with(scheme));
            if !absolute && !found.iter().any(|f| f == value) {
                found.push(value.to_string());
            }
        }
    }
    found
}

/// Greedy word wrap at `width` characters; a word longer than the line (a URL) stands
/// alone on its line, never broken. Leading indentation of a line is kept on its
/// continuation lines.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    for line in text.lines() {
        let line = line.trim_end();
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        // A list item's continuation lines hang under its text, past the "* ".
        let hanging = if body.starts_with("* ") {
            format!("{indent}  ")
        } else {
            indent.to_string()
        };
        let mut current = indent.to_string();
        let mut prefix = indent.chars().count();
        let mut len = prefix;
        for word in body.split_whitespace() {
            let word_len = word.chars().count();
            if len > prefix && len + 1 + word_len > width {
                out.push_str(&current);
                out.push('\n');
                current.clone_from(&hanging);
                prefix = hanging.chars().count();
                len = prefix;
            }
            if len > prefix {
                current.push(' ');
                len += 1;
            }
            current.push_str(word);
            len += word_len;
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// `digest/feed.xml`: the newest editions (up to `feeds.limit`), each entry the whole
/// edition as HTML (its stories by region, with summaries and links).
pub fn editions_feed(ctx: &RenderContext<'_>, editions: &[Edition]) -> OutputFile {
    let config = ctx.config;
    let feed_url = config.base_url.url_for(EDITIONS_FEED);
    let updated = editions
        .first()
        .and_then(|e| e.articles().map(|i| ctx.card(i).date.clone()).max())
        .unwrap_or_else(|| ctx.now.to_rfc3339());
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    xml::push_escaped(&mut out, &config.lang);
    out.push_str("\">\n");
    xml::element(
        &mut out,
        "  ",
        "title",
        &format!("{}: digest editions", config.title),
    );
    xml::element(&mut out, "  ", "id", &feed_url);
    out.push_str("  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
    xml::push_escaped(&mut out, &feed_url);
    out.push_str("\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
    xml::push_escaped(&mut out, &config.base_url.url_for(DIGEST_DIR));
    out.push_str("\"/>\n");
    xml::element(&mut out, "  ", "updated", &updated);
    out.push_str("  <author>\n");
    xml::element(&mut out, "    ", "name", &config.author);
    out.push_str("  </author>\n");
    for edition in editions.iter().take(config.feeds.limit) {
        let url = config.base_url.url_for(&edition.path());
        let published = edition
            .articles()
            .map(|i| ctx.card(i).date.clone())
            .max()
            .unwrap_or_else(|| updated.clone());
        out.push_str("  <entry>\n");
        xml::element(
            &mut out,
            "    ",
            "title",
            &format!(
                "{} ({})",
                ctx.edition_title(edition),
                ctx.edition_range(edition)
            ),
        );
        xml::element(&mut out, "    ", "id", &url);
        out.push_str("    <link rel=\"alternate\" type=\"text/html\" href=\"");
        xml::push_escaped(&mut out, &url);
        out.push_str("\"/>\n");
        xml::element(&mut out, "    ", "updated", &published);
        // The HTML is escaped once for XML: a reader unescapes it back to the HTML.
        out.push_str("    <content type=\"html\">");
        xml::push_escaped(&mut out, &edition_html(ctx, edition));
        out.push_str("</content>\n  </entry>\n");
    }
    out.push_str("</feed>\n");
    OutputFile::new(EDITIONS_FEED, out)
}

/// The whole edition as an HTML fragment: regions as headings, each story a linked
/// title, its date and summary. Every value is escaped text.
fn edition_html(ctx: &RenderContext<'_>, edition: &Edition) -> String {
    let mut html = String::new();
    let story = |html: &mut String, i: usize| {
        let card = ctx.card(i);
        html.push_str("<h3><a href=\"");
        html.push_str(&escape_html(&card.permalink));
        html.push_str("\">");
        html.push_str(&escape_html(card.title));
        html.push_str("</a></h3>\n<p><small>");
        html.push_str(&escape_html(&card.date_display));
        html.push_str("</small> ");
        html.push_str(&escape_html(card.summary));
        html.push_str("</p>\n");
    };
    if !edition.featured.is_empty() {
        html.push_str("<h2>Top stories</h2>\n");
        for &i in &edition.featured {
            story(&mut html, i);
        }
    }
    for group in &edition.groups {
        let name = ctx
            .index
            .region(&group.region)
            .map_or(group.region.as_str(), |r| r.name.as_str());
        html.push_str("<h2>");
        html.push_str(&escape_html(name));
        html.push_str("</h2>\n");
        for &i in &group.articles {
            story(&mut html, i);
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search finds what a render of every n would, in few renders, whatever the
    /// sizes look like (steady growth, a heavy fixed part, uneven stories).
    #[test]
    fn largest_fitting_finds_the_last_n_that_fits() {
        for (base, per, wobble) in [
            (2_000, 300, 0),
            (90_000, 40, 0),
            (1_000, 900, 700),
            (50_000, 5_000, 4_000),
            (200_000, 10, 0),
            (10, 150, 149),
        ] {
            for high in [2, 3, 10, 100, 700] {
                // Monotonic sizes with uneven steps.
                let size = |n: usize| {
                    base + (1..=n)
                        .map(|k| per + (k * 7919) % (wobble + 1))
                        .sum::<usize>()
                };
                let renders = std::cell::Cell::new(0);
                let render = |b: Budget| -> Result<String> {
                    renders.set(renders.get() + 1);
                    Ok("x".repeat(size(b.full)))
                };
                let budget = |full| Budget { full, listed: high };
                let (found, html) = largest_fitting(1, high, size(high), budget, &render).unwrap();
                let want = (1..high)
                    .rev()
                    .find(|&n| size(n) <= CLIP_LIMIT)
                    .unwrap_or(1);
                assert_eq!(
                    found.full, want,
                    "base {base} per {per} wobble {wobble} high {high}"
                );
                assert_eq!(html.len(), size(want));
                let bound = 2 + 2 * (usize::BITS - high.leading_zeros()) as usize;
                assert!(
                    renders.get() <= bound,
                    "{} renders for high {high}",
                    renders.get()
                );
            }
        }
    }

    #[test]
    fn wrap_keeps_words_and_urls_whole() {
        let text = "A line that is much longer than twenty characters, wrapped.\n  https://example.org/a/very/long/url/that/cannot/break\nshort\n";
        assert_eq!(
            wrap(text, 20),
            "A line that is much\nlonger than twenty\ncharacters, wrapped.\n  https://example.org/a/very/long/url/that/cannot/break\nshort\n"
        );
        for line in wrap("word ".repeat(100).as_str(), 72).lines() {
            assert!(line.chars().count() <= 72, "{line:?}");
        }
        // Continuation lines keep the indentation; a list item's hang past its "* ".
        assert_eq!(wrap("   aaa bbb ccc", 10), "   aaa bbb\n   ccc\n");
        assert_eq!(wrap("* aaa bbb ccc", 9), "* aaa bbb\n  ccc\n");
    }
}
