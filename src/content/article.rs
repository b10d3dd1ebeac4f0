//! `Article`: one content file, complete at construction: slug, URL path, date, region,
//! tags, summary and rendered body. Later stages only read it.

use super::front_matter::{FrontMatter, KeyLines};
use super::markdown::{LocalLink, Rendered};
use crate::spill::{Spill, Spilled};
use chrono::{DateTime, Datelike, FixedOffset};
use std::path::PathBuf;

pub use crate::lang::is_rtl;

/// Words per minute for "N min read"; the common figure for news prose.
const READING_WPM: usize = 200;

/// Words per minute by language (primary subtag), for languages whose words are not
/// English-sized. The International Reading Speed Texts study (Trauzettel-Klosinski &
/// Dietz, "Standardized assessment of reading performance: the new International
/// Reading Speed Texts IReST", IOVS 53(9), 2012) had adults read the same text translated
/// into 17 languages: English 228 words/min, French 195, Arabic 138 (an Arabic word
/// carries the article, conjunctions and pronouns that English writes as words of their
/// own, so a text has fewer, longer words). We keep 200 for English and scale the others
/// by those ratios: French 200 × 195/228 ≈ 171, Arabic 200 × 138/228 ≈ 121. Languages
/// not listed read at `READING_WPM`. Words are counted as the script separates them
/// (by spaces, `markdown::WordCounter`).
const READING_WPM_BY_LANGUAGE: &[(&str, usize)] = &[("ar", 121), ("fr", 171)];

/// Words per minute for an article in `lang`.
pub fn reading_wpm(lang: &str) -> usize {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    READING_WPM_BY_LANGUAGE
        .iter()
        .find(|(code, _)| primary.eq_ignore_ascii_case(code))
        .map_or(READING_WPM, |&(_, wpm)| wpm)
}

/// One published article, as every later stage reads it. A build keeps every article
/// for its whole length, so its text is in boxed strings (16 bytes, no spare capacity,
/// where a `String` is 24 and often over-allocated): at a million articles the list
/// alone went from 672 to 528 MB.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the site root (`content/gulf/2024-01-08-x.md`), for messages.
    pub source_path: PathBuf,
    /// Path relative to content/ with `/` separators: the target of `@/` links.
    pub content_key: Box<str>,
    pub title: Box<str>,
    pub slug: Box<str>,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub expires: Option<DateTime<FixedOffset>>,
    pub region: Box<str>,
    pub tags: Vec<String>,
    /// Plain text: front matter `summary`, else the first paragraph.
    pub summary: Box<str>,
    /// The rendered body, set aside in the scratch file (`spill`): a million-article
    /// archive would otherwise hold ~5 GB of HTML for the whole build. Not compressed:
    /// out of the heap, compressing saved no memory and cost 4% of a build's CPU.
    /// Read it with `body_html()`.
    body: Spilled,
    pub lang: Box<str>,
    pub rtl: bool,
    pub draft: bool,
    pub featured: bool,
    pub image: Option<Box<str>>,
    pub image_caption: Option<Box<str>>,
    pub image_credit: Option<Box<str>>,
    /// Short alternative text of `image` (front matter `image_alt`).
    pub image_alt: Option<Box<str>>,
    /// The lead photo's variants, when `image` is a local file the image pipeline
    /// processed (`crate::images`); set by the build after loading.
    pub photo: Option<std::sync::Arc<crate::images::photo::Photo>>,
    /// Processed body images, by their `src` in the markdown.
    pub body_photos: Vec<(String, std::sync::Arc<crate::images::photo::Photo>)>,
    pub source: Option<Box<str>>,
    /// The original story this one curates (absolute http(s), checked at load).
    pub source_url: Option<Box<str>>,
    pub author: Option<Box<str>>,
    /// The author's page (absolute http(s), checked at load).
    pub author_url: Option<Box<str>>,
    /// Front matter `translation_key`: links the versions of one story across languages.
    pub translation_key: Option<Box<str>>,
    /// The versions of this story in the site's languages, itself included, with
    /// `x-default` (the default language's) last: (hreflang, absolute URL). Empty when
    /// the story has no other version.
    pub alternates: Vec<(String, String)>,
    pub duplicate_of: Option<Box<str>>,
    pub imported_from: Option<Box<str>>,
    /// Site-relative URL path: `2024/02/slug/`.
    pub path: Box<str>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub local_links: Vec<LocalLink>,
    /// Lines of the front-matter keys later stages report problems at.
    pub key_lines: KeyLines,
}

/// `<year>/<month>/<slug>/` from the article's own date (as DESIGN.md's output table says).
pub fn url_path(date: &DateTime<FixedOffset>, slug: &str) -> String {
    format!("{:04}/{:02}/{slug}/", date.year(), date.month())
}

impl Article {
    pub fn new(
        source_path: PathBuf,
        content_key: String,
        front: FrontMatter,
        rendered: Rendered,
        site_lang: &str,
        spill: &Spill,
    ) -> Article {
        let lang = front.lang.unwrap_or_else(|| site_lang.to_string());
        let summary = front
            .summary
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or(rendered.first_paragraph);
        Article {
            source_path,
            content_key: content_key.into_boxed_str(),
            path: url_path(&front.date, &front.slug).into_boxed_str(),
            rtl: is_rtl(&lang),
            reading_minutes: rendered.word_count.div_ceil(reading_wpm(&lang)).max(1),
            word_count: rendered.word_count,
            title: front.title.into_boxed_str(),
            slug: front.slug.into_boxed_str(),
            date: front.date,
            updated: front.updated,
            expires: front.expires,
            region: front.region.into_boxed_str(),
            tags: front.tags,
            summary: summary.into_boxed_str(),
            body: spill.put(rendered.html.as_bytes()),
            lang: lang.into_boxed_str(),
            draft: front.draft,
            featured: front.featured,
            image: front.image.map(String::into_boxed_str),
            image_caption: front.image_caption.map(String::into_boxed_str),
            image_credit: front.image_credit.map(String::into_boxed_str),
            image_alt: front.image_alt.map(String::into_boxed_str),
            photo: None,
            body_photos: Vec::new(),
            source: front.source.map(String::into_boxed_str),
            source_url: front.source_url.map(String::into_boxed_str),
            author: front.author.map(String::into_boxed_str),
            author_url: front.author_url.map(String::into_boxed_str),
            translation_key: front.translation_key.map(String::into_boxed_str),
            alternates: Vec::new(),
            duplicate_of: front.duplicate_of.map(String::into_boxed_str),
            imported_from: front.imported_from.map(String::into_boxed_str),
            local_links: rendered.local_links,
            key_lines: front.key_lines,
        }
    }

    /// The rendered (sanitised) body HTML.
    pub fn body_html(&self) -> anyhow::Result<String> {
        self.body.get_string().map_err(|e| {
            anyhow::anyhow!(
                "{}: its rendered body could not be read back from the scratch file: {e}",
                self.source_path.display()
            )
        })
    }

    /// File line of a front-matter key, or 1.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtl_languages() {
        for (lang, rtl) in [
            ("ar", true),
            ("ar-EG", true),
            ("fa", true),
            ("he", true),
            ("en", false),
            ("fr-CA", false),
            ("", false),
        ] {
            assert_eq!(is_rtl(lang), rtl, "{lang}");
        }
    }

    #[test]
    fn reading_speed_depends_on_the_language() {
        assert_eq!(reading_wpm("en"), 200);
        assert_eq!(reading_wpm("en-GB"), 200);
        assert_eq!(reading_wpm("de"), 200);
        assert_eq!(reading_wpm("ar"), 121);
        assert_eq!(reading_wpm("ar-EG"), 121);
        assert_eq!(reading_wpm("fr-CA"), 171);
        // 600 words: three minutes in English, four in French, five in Arabic.
        let text = "كلمة ".repeat(600);
        let (rendered, _) =
            super::super::markdown::render(&text, 1, &|_| Err(String::new()), false);
        assert_eq!(rendered.word_count, 600);
        let config = crate::config::SiteConfig::parse(
            std::path::Path::new("."),
            "title: T\nbase_url: https://example.org/\nregions:\n  - slug: gulf\n    name: Gulf\n",
        )
        .unwrap();
        let front = |lang: &str| {
            use super::super::front_matter::{parse, split};
            let text =
                format!("---\ntitle: T\ndate: 2024-02-06\nregion: gulf\nlang: {lang}\n---\n");
            parse(
                std::path::Path::new("a.md"),
                &split(&text).unwrap(),
                &config,
            )
            .unwrap()
        };
        for (lang, minutes) in [("en", 3), ("fr", 4), ("ar", 5)] {
            let article = Article::new(
                PathBuf::from("content/gulf/a.md"),
                "gulf/a.md".into(),
                front(lang),
                rendered.clone(),
                "en",
                &Spill::new(),
            );
            assert_eq!(article.reading_minutes, minutes, "{lang}");
        }
    }

    #[test]
    fn url_paths() {
        let date = DateTime::parse_from_rfc3339("2024-02-06T10:00:00+03:00").unwrap();
        assert_eq!(url_path(&date, "iraq-fm"), "2024/02/iraq-fm/");
    }
}
