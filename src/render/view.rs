//! View structs: what templates see of articles, regions and tags. Borrowed from the
//! index, serialised for tera. Paths are site-relative (`2024/02/slug/`); templates prefix
//! them with `root` (the relative way back to the site root), so the same output works
//! under any base_url sub-path, on 127.0.0.1 and from the file system.
//! Also the article page's head metadata: OpenGraph `article:*` and the JSON-LD blocks,
//! built here in Rust so that templates only print them.

use crate::config::SiteConfig;
use crate::content::Article;
use crate::index::SiteIndex;
use crate::url::BaseUrl;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub path: String,
}

/// An article as lists show it (and the start of the article page's view).
#[derive(Debug, Clone, Serialize)]
pub struct CardView<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub permalink: String,
    /// RFC 3339, for `<time datetime>` and feeds.
    pub date: String,
    /// YYYY-MM-DD.
    pub date_iso: String,
    /// "6 February 2024".
    pub date_display: String,
    pub region: Link<'a>,
    pub tags: Vec<Link<'a>>,
    pub summary: &'a str,
    pub lang: &'a str,
    pub dir: &'static str,
    pub featured: bool,
    pub draft: bool,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub image: Option<&'a str>,
    pub image_caption: Option<&'a str>,
    pub image_credit: Option<&'a str>,
    /// The lead photo's sizes and variants when `image` is a local file (see
    /// `crate::images`); `None` for a remote image, which is used as it is.
    pub photo: Option<&'a crate::images::Photo>,
    /// A processed photo's smallest variant (WebP, 240 px or less): for thumbnails.
    pub thumb: Option<&'a str>,
    /// The `alt` of the photo's `<img>`: `image_alt`, else empty. Never the caption: the
    /// figcaption below the photo says it, and a screen reader would read it twice; nor
    /// the headline, read just before. See docs/content.md.
    pub image_alt: &'a str,
    pub source: Option<&'a str>,
}

/// The full article page view: the card plus the body and page-only fields.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub card: CardView<'a>,
    pub content: String,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub author: Option<&'a str>,
    /// The original story's address, for the "Source:" credit.
    pub source_url: Option<&'a str>,
    /// The name the credit links: `source`, else the original's host.
    pub source_name: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub path: String,
    pub feed_path: String,
    pub count: usize,
}

pub fn region_path(slug: &str) -> String {
    format!("regions/{slug}/")
}

pub fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/")
}

pub fn display_date(date: &DateTime<FixedOffset>) -> String {
    date.format("%-d %B %Y").to_string()
}

pub fn card<'a>(
    config: &'a SiteConfig,
    index: &'a SiteIndex,
    article: &'a Article,
) -> CardView<'a> {
    CardView {
        title: &article.title,
        path: &article.path,
        permalink: config.base_url.url_for(&article.path),
        date: article.date.to_rfc3339(),
        date_iso: article.date.format("%Y-%m-%d").to_string(),
        date_display: display_date(&article.date),
        region: Link {
            slug: &article.region,
            name: region_name(index, &article.region),
            path: region_path(&article.region),
        },
        tags: article
            .tags
            .iter()
            .map(|slug| Link {
                slug,
                name: tag_name(index, slug),
                path: tag_path(slug),
            })
            .collect(),
        summary: &article.summary,
        lang: &article.lang,
        dir: if article.rtl { "rtl" } else { "ltr" },
        featured: article.featured,
        draft: article.draft,
        word_count: article.word_count,
        reading_minutes: article.reading_minutes,
        // A processed photo is shown through its variants (a file beside the article in
        // content/ is not published as it is): the widest, as a site path.
        image: article
            .photo
            .as_deref()
            .map(|p| p.src.as_str())
            .or(article.image.as_deref()),
        image_caption: article.image_caption.as_deref(),
        image_credit: article.image_credit.as_deref(),
        photo: article.photo.as_deref(),
        thumb: article.photo.as_deref().map(|p| {
            p.webp
                .first()
                .or(p.original.first())
                .map_or(p.src.as_str(), |v| v.path.as_str())
        }),
        image_alt: article.image_alt.as_deref().unwrap_or(""),
        source: article.source.as_deref(),
    }
}

pub fn article_view<'a>(
    config: &'a SiteConfig,
    index: &'a SiteIndex,
    article: &'a Article,
) -> anyhow::Result<ArticleView<'a>> {
    Ok(ArticleView {
        card: card(config, index, article),
        content: page_body(config, article)?,
        updated: article.updated.map(|d| d.to_rfc3339()),
        updated_display: article.updated.as_ref().map(display_date),
        author: article.author.as_deref(),
        source_url: article.source_url.as_deref(),
        source_name: article.source.as_deref().or_else(|| {
            let url = article.source_url.as_deref()?;
            let host = url.split_once("://")?.1.split(['/', '?', '#']).next()?;
            Some(host.strip_prefix("www.").unwrap_or(host))
        }),
    })
}

/// The article's body HTML for its page: root-absolute links and images (`/images/x.jpg`,
/// in markdown or raw HTML) made relative to the page through the site root
/// (`crate::url::root_link`), so that they work under any base URL sub-path, on `serve`
/// and from the file system. A body without such a link is returned as it is. On a
/// language edition's page, files (`/images/x.jpg`, photo variants) are the root site's
/// (`is_asset`): one folder further up.
pub fn page_body(config: &SiteConfig, article: &Article) -> anyhow::Result<String> {
    let base = &config.base_url;
    let html = article.body_html()?;
    let up = assets_up(config);
    // Processed body images become `<picture>`s with sizes and srcset.
    let html = crate::images::rewrite_body_images(
        &html,
        &article.body_photos,
        &format!("{}{up}", super::relative_root(&article.path)),
        article.photo.is_none() && article.image.is_none(),
    );
    if !["=\"/", "='/", "=/", ", /"]
        .iter()
        .any(|p| html.contains(p))
    {
        return Ok(html);
    }
    let root = super::relative_root(&article.path);
    Ok(super::links::rewrite_urls(&html, &|value| {
        crate::url::root_link(value, base, |site| {
            let up = if super::links::is_asset(site) { up } else { "" };
            format!("{root}{up}{site}")
        })
    }))
}

/// From a page's site root to the static files' root: `../` on a language edition
/// (static files and photo variants stay at the site root), else nothing.
pub fn assets_up(config: &SiteConfig) -> &'static str {
    match &config.static_url {
        Some(statics) if statics != &config.base_url => "../",
        _ => "",
    }
}

/// Display name of a region slug (the slug itself if site.yaml does not know it).
pub fn region_name<'a>(index: &'a SiteIndex, slug: &'a str) -> &'a str {
    index.region(slug).map_or(slug, |r| r.name.as_str())
}

/// Display name of a tag slug; `index.tags` is sorted by slug.
pub fn tag_name<'a>(index: &'a SiteIndex, slug: &'a str) -> &'a str {
    index
        .tags
        .binary_search_by(|t| t.slug.as_str().cmp(slug))
        .map_or(slug, |i| index.tags[i].name.as_str())
}

/// The alternative text of an article's image where no caption stands beside it
/// (og:image:alt, twitter:image:alt, feeds): `image_alt`, else the caption, else the title.
pub fn image_meta_alt(article: &Article) -> String {
    article
        .image_alt
        .as_deref()
        .or(article.image_caption.as_deref())
        .unwrap_or(&article.title)
        .to_string()
}

/// Absolute URL of the image an article shares (og:image, feeds, newsletter): the widest
/// variant of a processed photo, else `image` as `absolute_image` reads it.
pub fn shared_image(base: &BaseUrl, article: &Article) -> Option<String> {
    match &article.photo {
        Some(photo) => Some(base.url_for(&photo.src)),
        None => absolute_image(base, article.image.as_deref()?),
    }
}

/// Absolute URL of a front-matter `image`: http(s) URLs are kept, site paths are resolved
/// against base_url (the article template does the same with its relative root). Any other
/// scheme (`javascript:`, `data:`…) is no image to publish: `None` (and an error in
/// `check` and `build`).
pub fn absolute_image(base: &BaseUrl, image: &str) -> Option<String> {
    let image = image.trim();
    if let Some(rest) = image.strip_prefix("//") {
        let scheme = base.as_str().split(':').next().unwrap_or("https");
        return Some(format!("{scheme}://{rest}"));
    }
    match image.split_once(':') {
        Some((scheme, _)) if crate::url::is_scheme(scheme) => {
            let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
            web.then(|| image.to_string())
        }
        _ => Some(base.url_for(image)),
    }
}

/// When an article last changed: `updated`, else (or if `updated` is earlier) its date.
pub fn modified(article: &Article) -> DateTime<FixedOffset> {
    article.updated.unwrap_or(article.date).max(article.date)
}

/// OpenGraph `article:*` properties of an article page (`page.article`).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleMeta {
    pub published_time: String,
    pub modified_time: String,
    /// The region's name.
    pub section: String,
    /// Tag names.
    pub tags: Vec<String>,
}

pub fn article_meta(index: &SiteIndex, article: &Article) -> ArticleMeta {
    ArticleMeta {
        published_time: article.date.to_rfc3339(),
        modified_time: modified(article).to_rfc3339(),
        section: region_name(index, &article.region).to_string(),
        tags: article
            .tags
            .iter()
            .map(|t| tag_name(index, t).to_string())
            .collect(),
    }
}

/// Google's limit for a NewsArticle `headline`, in characters.
pub const MAX_HEADLINE_CHARS: usize = 110;

/// The title cut to `MAX_HEADLINE_CHARS`, at a word boundary when one is near, with `…`.
pub fn headline(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= MAX_HEADLINE_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(MAX_HEADLINE_CHARS - 1).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` (which can only
/// occur inside strings) become `\u003c`… so that `</script>` or `<!--` in a title cannot
/// end the script early; U+2028/2029 too, for scripts that read it as JavaScript.
pub fn script_json(value: &Value) -> String {
    let mut out = Vec::with_capacity(512);
    // Writing to a Vec cannot fail, and a `Value` always serialises.
    let _ = value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, ScriptSafe,
    ));
    // serde_json writes UTF-8, and the escapes only replace whole characters.
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's compact output, with strings escaped as `escape_json_text` does: one pass
/// over the data instead of a second over the text (JSON-LD is on every article page).
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        write_script_safe(writer, fragment)
    }
}

/// Serialised JSON with `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes: the same
/// data, but no literal markup for a page, a script block or a naive consumer to trip on.
/// Used for feed.json and the search index.
pub fn escape_json_text(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 16);
    // Writing to a Vec cannot fail; only whole characters were replaced, by ASCII.
    let _ = write_script_safe(&mut out, text);
    String::from_utf8(out).unwrap_or_default()
}

/// `text` with the characters `escape_json_text` escapes written as `\u` escapes.
/// Byte-wise: the five are `<`, `>`, `&` and the three-byte E2 80 A8/A9, and no other
/// character's encoding contains those bytes in that order.
fn write_script_safe<W: ?Sized + std::io::Write>(out: &mut W, text: &str) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let escape: &[u8] = match bytes[i] {
            b'<' => b"\\u003c",
            b'>' => b"\\u003e",
            b'&' => b"\\u0026",
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => {
                b"\\u2028"
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => {
                b"\\u2029"
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(escape)?;
        i += if bytes[i] == 0xE2 { 3 } else { 1 };
        start = i;
    }
    out.write_all(&bytes[start..])
}

/// The theme's default logo (`themes/default/static/logo.png`, copied to every site): a
/// square of at least 112 px, as Google requires of a publisher logo (SVG is refused).
pub const DEFAULT_LOGO: &str = "logo.png";
pub const DEFAULT_LOGO_SIZE: u32 = 192;

/// The publisher's logo as a schema.org `ImageObject`: site.yaml `logo:` (its size is not
/// known here, so none is claimed), else the theme's default with its size.
pub fn logo(config: &SiteConfig) -> Value {
    match config
        .logo
        .as_deref()
        .and_then(|l| absolute_image(config.static_base(), l))
    {
        Some(url) => json!({ "@type": "ImageObject", "url": url }),
        None => json!({
            "@type": "ImageObject",
            "url": config.base_url.url_for(DEFAULT_LOGO),
            "width": DEFAULT_LOGO_SIZE,
            "height": DEFAULT_LOGO_SIZE,
        }),
    }
}

/// The site as a schema.org `Organization` (the publisher of every article).
pub fn publisher(config: &SiteConfig) -> Value {
    json!({
        "@type": "Organization",
        "@id": format!("{}#publisher", config.base_url.as_str()),
        "name": config.title,
        "url": config.base_url.as_str(),
        "logo": logo(config),
    })
}

/// The home page's JSON-LD: the `WebSite` (with a `SearchAction` to the search page when
/// the theme has one: it reads `?q=`) and the `Organization` that publishes it.
pub fn home_json_ld(config: &SiteConfig, has_search: bool) -> Vec<String> {
    let base = &config.base_url;
    let mut site = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": format!("{}#website", base.as_str()),
        "name": config.title,
        "url": base.as_str(),
        "inLanguage": config.lang,
        "publisher": { "@id": format!("{}#publisher", base.as_str()) },
    });
    if !config.description.is_empty() {
        site["description"] = json!(config.description);
    }
    if has_search {
        site["potentialAction"] = json!({
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}?q={{search_term_string}}", base.url_for(super::SEARCH_DIR)),
            },
            "query-input": "required name=search_term_string",
        });
    }
    let mut organization = publisher(config);
    organization["@context"] = json!("https://schema.org");
    vec![script_json(&site), script_json(&organization)]
}

/// The article page's JSON-LD, ready for `| safe`: a schema.org `NewsArticle` and a
/// `BreadcrumbList` (home → region → article).
pub fn article_json_ld(config: &SiteConfig, index: &SiteIndex, article: &Article) -> Vec<String> {
    let base = &config.base_url;
    let permalink = base.url_for(&article.path);
    let region = region_name(index, &article.region);
    let headline = headline(&article.title);
    let author = match &article.author {
        Some(name) => {
            let mut person = json!({ "@type": "Person", "name": name });
            if let Some(url) = &article.author_url {
                person["url"] = json!(url);
            }
            person
        }
        None => json!({ "@type": "Organization", "name": config.author, "url": base.as_str() }),
    };
    let mut news = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "description": article.summary,
        "datePublished": article.date.to_rfc3339(),
        "dateModified": modified(article).to_rfc3339(),
        "author": [author],
        "publisher": publisher(config),
        "articleSection": region,
        "keywords": article.tags.iter().map(|t| tag_name(index, t)).collect::<Vec<_>>(),
        "inLanguage": article.lang,
        "wordCount": article.word_count,
        "url": permalink,
        "mainEntityOfPage": { "@type": "WebPage", "@id": permalink },
    });
    // Every size of a processed photo (widest first), as ImageObjects with their pixel
    // sizes; a remote image as its URL.
    let image = match &article.photo {
        Some(photo) => Some(Value::Array(
            photo
                .original
                .iter()
                .rev()
                .map(|v| {
                    json!({ "@type": "ImageObject", "url": config.static_base().url_for(&v.path),
                            "width": v.width, "height": v.height })
                })
                .collect(),
        )),
        // A remote photo as its URL; without a photo, the site's share image (site.yaml
        // default_image), since news search wants an image on every article.
        None => article
            .image
            .as_deref()
            .or(config.default_image.as_deref())
            .and_then(|i| absolute_image(config.static_base(), i))
            .map(|url| json!([url])),
    };
    if let (Some(image), Value::Object(map)) = (image, &mut news) {
        map.insert("image".into(), image);
    }
    // The story this one curates: the agency's or publisher's original.
    if let (Some(url), Value::Object(map)) = (&article.source_url, &mut news) {
        let mut original = json!({ "@type": "NewsArticle", "url": url });
        if let Some(source) = &article.source {
            original["publisher"] = json!({ "@type": "Organization", "name": source });
        }
        map.insert("isBasedOn".into(), original);
    } else if let (Some(source), Value::Object(map)) = (&article.source, &mut news) {
        map.insert(
            "isBasedOn".into(),
            json!({ "@type": "NewsArticle",
                    "publisher": { "@type": "Organization", "name": source } }),
        );
    }
    let breadcrumbs = json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            { "@type": "ListItem", "position": 1, "name": config.title, "item": base.as_str() },
            { "@type": "ListItem", "position": 2, "name": region,
              "item": base.url_for(&region_path(&article.region)) },
            { "@type": "ListItem", "position": 3, "name": headline, "item": permalink },
        ],
    });
    vec![script_json(&news), script_json(&breadcrumbs)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_fit_news_search() {
        assert_eq!(headline("  Short title "), "Short title");
        let exact = "x".repeat(MAX_HEADLINE_CHARS);
        assert_eq!(headline(&exact), exact);
        let long = "Ministers meet again ".repeat(10);
        let cut = headline(&long);
        assert!(cut.chars().count() <= MAX_HEADLINE_CHARS, "{cut}");
        assert!(cut.ends_with("again…"), "{cut}");
        // No spaces to cut at, and multi-byte characters: still at most 110 characters.
        let arabic = "ع".repeat(300);
        assert_eq!(headline(&arabic).chars().count(), MAX_HEADLINE_CHARS);
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let title = "</script><script>alert(1)</script> & <!-- \"q\" 'a' \u{2028}";
        let text = script_json(&json!({ "headline": title }));
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!text.contains(bad), "{bad} in {text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], title);
    }

    #[test]
    fn json_text_escapes_exactly_five_characters() {
        // Other characters whose UTF-8 starts with E2 80 (dash, ellipsis, quotes) stay.
        let text = "a<b>c&d\u{2028}e\u{2029}f — … “q” ملف 😀\\u003c";
        assert_eq!(
            escape_json_text(text),
            "a\\u003cb\\u003ec\\u0026d\\u2028e\\u2029f — … “q” ملف 😀\\u003c"
        );
        let value = json!({ "a<": ["—\u{2029}", text] });
        let text = script_json(&value);
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
        assert!(!text.contains('<') && !text.contains('\u{2029}'), "{text}");
    }

    #[test]
    fn images_become_absolute() {
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        for (image, url) in [
            ("/images/a.jpg", "https://u.github.io/repo/images/a.jpg"),
            ("images/a.jpg", "https://u.github.io/repo/images/a.jpg"),
            ("https://cdn.example/a.jpg", "https://cdn.example/a.jpg"),
            ("//cdn.example/a.jpg", "https://cdn.example/a.jpg"),
            ("HTTP://cdn.example/a.jpg", "HTTP://cdn.example/a.jpg"),
        ] {
            assert_eq!(
                absolute_image(&base, image).as_deref(),
                Some(url),
                "{image}"
            );
        }
        for image in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:image/png,x",
        ] {
            assert_eq!(absolute_image(&base, image), None, "{image}");
        }
    }
}
