//! Feeds: Atom 1.0 (RFC 4287) for the site, each region and each tag; JSON Feed 1.1 and,
//! when site.yaml asks, RSS 2.0 for the site (XML written through `render::xml`, as the
//! sitemaps are), and the rewriting of article HTML to absolute links. Reads the index;
//! never touches templates or the disk.
//!
//! Feeds must stay cheap on big sites: each feed takes only the newest `feeds.limit`
//! articles, and an article's `<entry>` is built once and copied into every feed
//! (site, region, tags) that lists it, so cost is linear in what is written.

use super::links::absolutize_html;
use super::view::{modified, region_name, region_path, tag_name, tag_path};
use super::xml;
use super::{OutputFile, RenderContext, SITE_ATOM, SITE_JSON_FEED, SITE_RSS};
use crate::content::markdown::escape_html;
use crate::content::Article;
use crate::url::BaseUrl;
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;

const ATOM_MIME: &str = "application/atom+xml";

/// RFC 3339 with the article's own offset, as `<time datetime>` on the pages.
fn rfc3339(date: &DateTime<FixedOffset>) -> String {
    date.to_rfc3339()
}

/// A stable entry id (RFC 4151 tag URI): `tag:example.org,2024-02-06:/repo/2024/02/slug/`.
/// Unlike the permalink it survives a move from http to https or to another port; where the
/// host cannot be a tag authority (an IPv6 literal), the permalink is the id.
pub fn entry_id(base: &BaseUrl, article: &Article) -> String {
    tag_uri(
        base,
        &article.date.format("%Y-%m-%d").to_string(),
        &article.path,
    )
}

fn tag_uri(base: &BaseUrl, date: &str, path: &str) -> String {
    let after_scheme = base.as_str().split_once("://").map_or("", |(_, rest)| rest);
    let authority = after_scheme.split('/').next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = authority
        .rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(authority, |(host, _)| host)
        .to_ascii_lowercase();
    let is_dns_name = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !is_dns_name {
        return base.url_for(path);
    }
    format!("tag:{host},{date}:{}", base.path_for(path))
}

/// What every feed needs of one article, built once.
struct Prepared {
    id: String,
    permalink: String,
    /// Body HTML with absolute links (and the photo first, when there is one).
    content: String,
    image: Option<String>,
    /// The whole `<entry>…</entry>`, shared by the site, region and tag Atom feeds.
    atom: String,
}

fn prepare(ctx: &RenderContext<'_>, article: &Article) -> anyhow::Result<Prepared> {
    let config = ctx.config;
    let index = ctx.index;
    let base = &config.base_url;
    let permalink = base.url_for(&article.path);
    let id = entry_id(base, article);
    let image = super::view::shared_image(config.static_base(), article);
    let mut content = String::new();
    if let Some(image) = &image {
        let alt = super::view::image_meta_alt(article);
        let alt = alt.as_str();
        let _ = writeln!(
            content,
            "<p><img src=\"{}\" alt=\"{}\"></p>",
            xml::escape(image),
            xml::escape(alt)
        );
    }
    // Processed body images point at their widest variant (readers ignore srcset).
    let body = crate::images::replace_body_images(
        &article.body_html()?,
        &article.body_photos,
        |photo, alt| {
            format!(
                "<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\">",
                xml::escape(&config.static_base().url_for(&photo.src)),
                photo.width,
                photo.height,
                xml::escape(alt)
            )
        },
    );
    content.push_str(&absolutize_html(
        &body,
        &permalink,
        base,
        config.static_base(),
    ));

    let mut atom = String::with_capacity(content.len() * 5 / 4 + 1024);
    atom.push_str("  <entry");
    if *article.lang != *config.lang {
        atom.push_str(" xml:lang=\"");
        xml::push_escaped(&mut atom, &article.lang);
        atom.push('"');
    }
    atom.push_str(">\n");
    xml::element(&mut atom, "    ", "id", &id);
    atom.push_str("    <title type=\"text\">");
    xml::push_escaped(&mut atom, &article.title);
    atom.push_str("</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
    xml::push_escaped(&mut atom, &permalink);
    atom.push_str("\"/>\n");
    xml::element(&mut atom, "    ", "published", &rfc3339(&article.date));
    xml::element(&mut atom, "    ", "updated", &rfc3339(&modified(article)));
    if let Some(author) = &article.author {
        atom.push_str("    <author>\n");
        xml::element(&mut atom, "      ", "name", author);
        atom.push_str("    </author>\n");
    }
    push_category(
        &mut atom,
        &article.region,
        &base.url_for("regions/"),
        region_name(index, &article.region),
    );
    let tags_scheme = base.url_for("tags/");
    for tag in &article.tags {
        push_category(&mut atom, tag, &tags_scheme, tag_name(index, tag));
    }
    if !article.summary.is_empty() {
        atom.push_str("    <summary type=\"text\">");
        xml::push_escaped(&mut atom, &article.summary);
        atom.push_str("</summary>\n");
    }
    atom.push_str("    <content type=\"html\">");
    xml::push_escaped(&mut atom, &content);
    atom.push_str("</content>\n  </entry>\n");
    Ok(Prepared {
        id,
        permalink,
        content,
        image,
        atom,
    })
}

fn push_category(out: &mut String, term: &str, scheme: &str, label: &str) {
    out.push_str("    <category term=\"");
    xml::push_escaped(out, term);
    out.push_str("\" scheme=\"");
    xml::push_escaped(out, scheme);
    out.push_str("\" label=\"");
    xml::push_escaped(out, label);
    out.push_str("\"/>\n");
}

/// One Atom feed: where it goes, what it is called, the page it stands for, its articles.
struct AtomSpec<'a> {
    path: String,
    title: String,
    subtitle: String,
    /// Site-relative path of the HTML page the feed mirrors.
    alternate: String,
    items: &'a [usize],
}

/// The newest change among `items` (each feed's `updated`), or `fallback` for an empty feed.
fn feed_updated(
    ctx: &RenderContext<'_>,
    items: &[usize],
    fallback: DateTime<FixedOffset>,
) -> DateTime<FixedOffset> {
    items
        .iter()
        .map(|&i| modified(&ctx.index.articles[i]))
        .max()
        .unwrap_or(fallback)
}

fn render_atom(
    ctx: &RenderContext<'_>,
    spec: &AtomSpec<'_>,
    prepared: &[Option<Prepared>],
    fallback: DateTime<FixedOffset>,
) -> OutputFile {
    let config = ctx.config;
    let base = &config.base_url;
    let entries: Vec<&Prepared> = spec
        .items
        .iter()
        .filter_map(|&i| prepared.get(i).and_then(Option::as_ref))
        .collect();
    let size = entries.iter().map(|e| e.atom.len()).sum::<usize>() + 1024;
    let mut out = String::with_capacity(size);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    xml::push_escaped(&mut out, &config.lang);
    out.push_str("\">\n");
    let self_url = base.url_for(&spec.path);
    xml::element(&mut out, "  ", "id", &self_url);
    out.push_str("  <title type=\"text\">");
    xml::push_escaped(&mut out, &spec.title);
    out.push_str("</title>\n");
    if !spec.subtitle.is_empty() {
        out.push_str("  <subtitle type=\"text\">");
        xml::push_escaped(&mut out, &spec.subtitle);
        out.push_str("</subtitle>\n");
    }
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"{ATOM_MIME}\" href=\"{}\"/>",
        xml::escape(&self_url)
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml::escape(&base.url_for(&spec.alternate))
    );
    xml::element(
        &mut out,
        "  ",
        "updated",
        &rfc3339(&feed_updated(ctx, spec.items, fallback)),
    );
    out.push_str("  <author>\n");
    xml::element(&mut out, "    ", "name", &config.author);
    xml::element(&mut out, "    ", "uri", base.as_str());
    out.push_str("  </author>\n");
    let _ = writeln!(
        out,
        "  <generator version=\"{}\">gazette</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for entry in entries {
        out.push_str(&entry.atom);
    }
    out.push_str("</feed>\n");
    OutputFile::new(spec.path.clone(), out)
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    /// The region first, then the tags: the same terms as the Atom categories.
    tags: Vec<&'a str>,
    language: &'a str,
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor<'a>>,
    items: Vec<JsonItem<'a>>,
}

fn render_json_feed(
    ctx: &RenderContext<'_>,
    items: &[usize],
    prepared: &[Option<Prepared>],
) -> OutputFile {
    let config = ctx.config;
    let base = &config.base_url;
    let items = items
        .iter()
        .filter_map(|&i| Some((&ctx.index.articles[i], prepared.get(i)?.as_ref()?)))
        .map(|(article, p)| JsonItem {
            id: &p.id,
            url: &p.permalink,
            title: &article.title,
            content_html: &p.content,
            summary: &article.summary,
            image: p.image.as_deref(),
            date_published: rfc3339(&article.date),
            date_modified: rfc3339(&modified(article)),
            authors: article
                .author
                .as_deref()
                .map(|name| JsonAuthor { name, url: None })
                .into_iter()
                .collect(),
            tags: std::iter::once(&*article.region)
                .chain(article.tags.iter().map(String::as_str))
                .collect(),
            language: &article.lang,
        })
        .collect();
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &config.title,
        home_page_url: base.as_str(),
        feed_url: base.url_for(SITE_JSON_FEED),
        description: &config.description,
        language: &config.lang,
        authors: vec![JsonAuthor {
            name: &config.author,
            url: Some(base.as_str()),
        }],
        items,
    };
    // Serialising plain strings and vectors cannot fail; an empty file would be the only
    // outcome if it somehow did, and that beats a panic.
    let text = serde_json::to_string_pretty(&feed).unwrap_or_default();
    let mut bytes = super::view::escape_json_text(&text).into_bytes();
    bytes.push(b'\n');
    OutputFile::new(SITE_JSON_FEED, bytes)
}

fn render_rss(
    ctx: &RenderContext<'_>,
    items: &[usize],
    prepared: &[Option<Prepared>],
    updated: DateTime<FixedOffset>,
) -> OutputFile {
    let config = ctx.config;
    let base = &config.base_url;
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n",
    );
    xml::element(&mut out, "  ", "title", &config.title);
    xml::element(&mut out, "  ", "link", base.as_str());
    let description = if config.description.is_empty() {
        &config.title
    } else {
        &config.description
    };
    xml::element(&mut out, "  ", "description", description);
    xml::element(&mut out, "  ", "language", &config.lang);
    xml::element(&mut out, "  ", "lastBuildDate", &updated.to_rfc2822());
    xml::element(
        &mut out,
        "  ",
        "generator",
        &format!("gazette {}", env!("CARGO_PKG_VERSION")),
    );
    let _ = writeln!(
        out,
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        xml::escape(&base.url_for(SITE_RSS))
    );
    let regions_domain = base.url_for("regions/");
    let tags_domain = base.url_for("tags/");
    for &i in items {
        let (Some(article), Some(Some(p))) = (ctx.index.articles.get(i), prepared.get(i)) else {
            continue;
        };
        out.push_str("  <item>\n");
        xml::element(&mut out, "    ", "title", &article.title);
        xml::element(&mut out, "    ", "link", &p.permalink);
        let permalink_id = p.id == p.permalink;
        let _ = writeln!(
            out,
            "    <guid isPermaLink=\"{permalink_id}\">{}</guid>",
            xml::escape(&p.id)
        );
        xml::element(&mut out, "    ", "pubDate", &article.date.to_rfc2822());
        xml::element(
            &mut out,
            "    ",
            "dc:creator",
            article.author.as_deref().unwrap_or(&config.author),
        );
        let _ = writeln!(
            out,
            "    <category domain=\"{}\">{}</category>",
            xml::escape(&regions_domain),
            xml::escape(&article.region)
        );
        for tag in &article.tags {
            let _ = writeln!(
                out,
                "    <category domain=\"{}\">{}</category>",
                xml::escape(&tags_domain),
                xml::escape(tag)
            );
        }
        // An item's description is HTML (RSS 2.0: "entity-encoded HTML is allowed"), and
        // readers render it: the plain-text summary is HTML-escaped, then XML-escaped, so
        // `<script>` in a summary reaches the reader as text. Titles, dc:creator and
        // categories are plain text in RSS 2.0 and in the RSS Best Practices Profile:
        // escaped once, like Atom's `type="text"`.
        if !article.summary.is_empty() {
            xml::element(
                &mut out,
                "    ",
                "description",
                &escape_html(&article.summary),
            );
        }
        xml::element(&mut out, "    ", "content:encoded", &p.content);
        out.push_str("  </item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    OutputFile::new(SITE_RSS, out)
}

fn newest(items: &[usize], limit: usize) -> &[usize] {
    &items[..items.len().min(limit)]
}

/// Every feed of the site, in a fixed order: atom.xml, feed.json, rss.xml (when on), then
/// each region's and each tag's atom.xml in index order.
pub fn render_feeds(ctx: &RenderContext<'_>) -> anyhow::Result<Vec<OutputFile>> {
    let config = ctx.config;
    let index = ctx.index;
    let limit = config.feeds.limit.max(1);
    let all: Vec<usize> = (0..index.articles.len().min(limit)).collect();

    let mut specs = vec![AtomSpec {
        path: SITE_ATOM.to_string(),
        title: config.title.clone(),
        subtitle: config.description.clone(),
        alternate: String::new(),
        items: &all,
    }];
    for region in &index.regions {
        let path = region_path(&region.slug);
        specs.push(AtomSpec {
            path: format!("{path}atom.xml"),
            title: format!("{} — {}", region.name, config.title),
            subtitle: format!("News from {} in {}.", region.name, config.title),
            alternate: path,
            items: newest(&region.articles, limit),
        });
    }
    for tag in &index.tags {
        let path = tag_path(&tag.slug);
        specs.push(AtomSpec {
            path: format!("{path}atom.xml"),
            title: format!("{} — {}", tag.name, config.title),
            subtitle: format!("Articles tagged {} in {}.", tag.name, config.title),
            alternate: path,
            items: newest(&tag.articles, limit),
        });
    }

    // Only articles some feed lists are prepared, each once, in parallel.
    let mut wanted = vec![false; index.articles.len()];
    for spec in &specs {
        for &i in spec.items {
            wanted[i] = true;
        }
    }
    let prepared: Vec<Option<Prepared>> = wanted
        .par_iter()
        .enumerate()
        .map(|(i, &wanted)| wanted.then(|| prepare(ctx, &index.articles[i])).transpose())
        .collect::<anyhow::Result<_>>()?;

    // An empty feed still needs an `updated`: the site's newest change, else the build time.
    let site_updated = feed_updated(ctx, &all, ctx.now);
    let mut files = Vec::with_capacity(specs.len() + 2);
    files.push(render_atom(ctx, &specs[0], &prepared, site_updated));
    files.push(render_json_feed(ctx, &all, &prepared));
    if config.feeds.rss {
        files.push(render_rss(ctx, &all, &prepared, site_updated));
    }
    let taxonomy: Vec<OutputFile> = specs[1..]
        .par_iter()
        .map(|spec| render_atom(ctx, spec, &prepared, site_updated))
        .collect();
    files.extend(taxonomy);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_drops_forbidden_characters() {
        assert_eq!(
            xml::escape("a & <b> \"c\" 'd'\u{0}\u{8}\t\u{FFFE}é"),
            "a &amp; &lt;b&gt; &quot;c&quot; 'd'\té"
        );
        assert_eq!(
            xml::uri("https://x.org/caf\u{e9} a/%41"),
            "https://x.org/caf%C3%A9%20a/%41"
        );
    }

    #[test]
    fn entry_ids_are_tag_uris() {
        let article_path = "2024/02/slug/";
        let date = "2024-02-06";
        for (base, id) in [
            (
                "https://example.org/",
                "tag:example.org,2024-02-06:/2024/02/slug/",
            ),
            (
                "http://Example.org:8080/repo/",
                "tag:example.org,2024-02-06:/repo/2024/02/slug/",
            ),
            ("http://[::1]:8080/", "http://[::1]:8080/2024/02/slug/"),
        ] {
            let base = BaseUrl::parse(base).unwrap();
            assert_eq!(tag_uri(&base, date, article_path), id);
        }
    }
}
