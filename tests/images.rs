//! The image pipeline (issue 15, src/images.rs) through the binary, on the `photos`
//! fixture: a 1600x900 JPEG beside its article in content/, a 1000x562 PNG and a 320x180
//! JPEG in static/images/, a remote photo, and an article with body images only. The
//! written files are decoded back with the `image` crate; the pages and their metadata
//! are parsed with scraper and serde_json.

mod common;

use common::SiteTest;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

const NOW: &str = "2024-06-01T00:00:00Z";
const MARKET: &str = "2024/02/muscat-fish-market-reopens-after-renovation/index.html";
const BOOK_FAIR: &str = "2024/02/doha-book-fair-draws-record-crowds/index.html";
const METRO: &str = "2024/02/riyadh-metro-opens-first-lines/index.html";
const DUNES: &str = "2024/02/qatar-maps-its-moving-dunes/index.html";

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    doc.select(&selector).collect()
}

fn page(site: &SiteTest, rel: &str) -> Html {
    Html::parse_document(&site.read(&format!("public/{rel}")))
}

/// `(width, height, format)` of an image file, decoded.
fn decode(path: &Path) -> (u32, u32, image::ImageFormat) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let format = image::guess_format(&bytes).unwrap();
    let img = image::load_from_memory(&bytes)
        .unwrap_or_else(|e| panic!("{} does not decode: {e}", path.display()));
    (img.width(), img.height(), format)
}

/// The files of public/img/ whose names start with `stem-`.
fn variants(site: &SiteTest, stem: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.public().join("img"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{stem}-")))
        .collect();
    names.sort();
    names
}

/// The file a page-relative URL points to.
fn file_of(site: &SiteTest, page_rel: &str, url: &str) -> PathBuf {
    let dir = Path::new(page_rel).parent().unwrap();
    let mut path = site.public().join(dir);
    for part in url.split('/') {
        match part {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            part => path.push(part),
        }
    }
    path
}

fn build_with_timings(site: &SiteTest, output: &str) -> String {
    let out = site.root().join(output);
    let run = site.run(&[
        "build",
        "--now",
        NOW,
        "--timings",
        "--output",
        out.to_str().unwrap(),
    ]);
    run.expect_success();
    run.stderr()
}

#[test]
fn variants_have_the_right_sizes_and_formats_and_never_upscale() {
    let site = SiteTest::fixture("photos");
    site.build();
    // 1600 px JPEG: 240 (thumbnails), 480, 800 and 1200 (capped), as JPEG and WebP.
    let market = variants(&site, "market");
    assert_eq!(market.len(), 8, "{market:?}");
    for name in &market {
        let (w, h, format) = decode(&site.public().join("img").join(name));
        let expected_w: u32 = name
            .rsplit('-')
            .next()
            .unwrap()
            .split('.')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(w, expected_w, "{name}");
        assert_eq!(h, (900 * w + 800) / 1600, "{name}: aspect ratio kept");
        let expected = if name.ends_with(".webp") {
            image::ImageFormat::WebP
        } else {
            image::ImageFormat::Jpeg
        };
        assert_eq!(format, expected, "{name}");
    }
    assert_eq!(
        market.iter().filter(|n| n.contains("-1200.")).count(),
        2,
        "{market:?}"
    );
    // 1000 px PNG: 240, 480, 800 and its own 1000 px, as PNG and WebP.
    let harbour = variants(&site, "harbour");
    let sizes: Vec<(u32, image::ImageFormat)> = harbour
        .iter()
        .map(|n| {
            let (w, _, f) = decode(&site.public().join("img").join(n));
            (w, f)
        })
        .collect();
    use image::ImageFormat::{Png, WebP};
    assert_eq!(
        sizes,
        [
            (1000, Png),
            (1000, WebP),
            (240, Png),
            (240, WebP),
            (480, Png),
            (480, WebP),
            (800, Png),
            (800, WebP)
        ],
        "{harbour:?}"
    );
    let small = variants(&site, "small");
    // A 320 px photo is never upscaled: its own size, and the 240 px thumbnail.
    assert_eq!(small.len(), 4, "{small:?}");
    for name in &small {
        let (w, h, _) = decode(&site.public().join("img").join(name));
        assert!(
            [(320, 180), (240, 135)].contains(&(w, h)),
            "{name}: {w}x{h}"
        );
    }
    // The static originals are still published as they are; the content one is not.
    assert!(site.public().join("images/harbour.png").is_file());
    assert!(!site
        .public()
        .join("2024/02/muscat-fish-market-reopens-after-renovation/market.jpg")
        .exists());
}

#[test]
fn every_srcset_candidate_exists_and_width_height_match_the_file() {
    let site = SiteTest::fixture("photos");
    site.build();
    let mut checked = 0;
    for rel in [MARKET, BOOK_FAIR, DUNES] {
        let doc = page(&site, rel);
        for el in select(&doc, "picture source, picture img") {
            let srcset = el.value().attr("srcset").expect("srcset");
            assert!(el.value().attr("sizes").is_some(), "{rel}: sizes");
            for candidate in srcset.split(", ") {
                let (url, descriptor) = candidate.rsplit_once(' ').unwrap();
                let w: u32 = descriptor.strip_suffix('w').unwrap().parse().unwrap();
                let (file_w, _, format) = decode(&file_of(&site, rel, url));
                assert_eq!(file_w, w, "{rel}: {candidate}");
                if el.value().name() == "source" {
                    assert_eq!(el.value().attr("type"), Some("image/webp"));
                    assert_eq!(format, image::ImageFormat::WebP, "{candidate}");
                }
                checked += 1;
            }
            if el.value().name() == "img" {
                let src = el.value().attr("src").unwrap();
                let (w, h, _) = decode(&file_of(&site, rel, src));
                assert_eq!(
                    el.value().attr("width"),
                    Some(w.to_string().as_str()),
                    "{rel} {src}"
                );
                assert_eq!(
                    el.value().attr("height"),
                    Some(h.to_string().as_str()),
                    "{rel} {src}"
                );
                assert_eq!(el.value().attr("decoding"), Some("async"));
            }
        }
    }
    // market 4+4, harbour 4+4 twice, small 2+2, market again in the dunes body.
    assert_eq!(checked, 8 + 8 + 4 + 8 + 8, "srcset candidates checked");
}

#[test]
fn the_lead_photo_is_eager_and_later_ones_lazy() {
    let site = SiteTest::fixture("photos");
    site.build();
    let doc = page(&site, MARKET);
    let imgs = select(&doc, "article.article img");
    assert_eq!(imgs.len(), 2);
    assert_eq!(imgs[0].value().attr("loading"), None, "lead photo");
    assert_eq!(imgs[0].value().attr("fetchpriority"), Some("high"));
    assert_eq!(imgs[1].value().attr("loading"), Some("lazy"), "body photo");
    assert_eq!(
        imgs[1].value().attr("alt"),
        Some("Cranes over the harbour at Port Sultan Qaboos")
    );
    // No lead photo: the body's first photo is the page's first, so it is not lazy.
    let doc = page(&site, DUNES);
    let imgs = select(&doc, "article.article img");
    assert_eq!(imgs.len(), 2);
    assert_eq!(imgs[0].value().attr("loading"), None);
    assert_eq!(imgs[1].value().attr("loading"), Some("lazy"));
    // A body image beside the article in content/ is published through its variants.
    let src = imgs[0].value().attr("src").unwrap();
    assert!(src.starts_with("../../../img/market-"), "{src}");
}

#[test]
fn a_second_build_reencodes_nothing_and_a_changed_photo_only_that() {
    let site = SiteTest::fixture("photos");
    let cold = build_with_timings(&site, "public");
    assert!(
        cold.contains("images: 3 sources, 3 encoded, 0 from cache, 20 files"),
        "{cold}"
    );
    let cache = site.root().join(".gazette/cache/images");
    let stamps = |dir: &Path| -> Vec<(String, std::time::SystemTime)> {
        let mut list: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        list.sort();
        list
    };
    let before = stamps(&cache);
    assert_eq!(
        before.len(),
        20 + 3,
        "20 variants and a manifest per source"
    );
    // Another output folder: a full build (no fingerprint), the same cache.
    let warm = build_with_timings(&site, "public2");
    assert!(
        warm.contains("images: 3 sources, 0 encoded, 3 from cache, 20 files"),
        "{warm}"
    );
    assert_eq!(stamps(&cache), before, "no cache file was written again");
    assert_eq!(
        common::snapshot(&site.public().join("img")),
        common::snapshot(&site.root().join("public2/img"))
    );
    // A new photo under the same name: only it is encoded again, under a new name.
    let png = site.root().join("static/images/harbour.png");
    let mut img = image::open(&png).unwrap().to_rgb8();
    img.put_pixel(0, 0, image::Rgb([255, 0, 255]));
    img.save(&png).unwrap();
    let changed = build_with_timings(&site, "public3");
    assert!(
        changed.contains("images: 3 sources, 1 encoded, 2 from cache, 20 files"),
        "{changed}"
    );
    let old = variants(&site, "harbour");
    let new: Vec<String> = std::fs::read_dir(site.root().join("public3/img"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("harbour-"))
        .collect();
    assert_eq!(new.len(), 8);
    assert!(
        new.iter().all(|n| !old.contains(n)),
        "new content, new names: {new:?}"
    );
}

/// `<meta property|name=KEY content>` of a page.
fn meta(doc: &Html, key: &str) -> Option<String> {
    select(doc, "meta")
        .into_iter()
        .find(|m| m.value().attr("property") == Some(key) || m.value().attr("name") == Some(key))
        .and_then(|m| m.value().attr("content").map(str::to_string))
}

fn news_article(doc: &Html) -> serde_json::Value {
    select(doc, "script[type=\"application/ld+json\"]")
        .into_iter()
        .map(|s| serde_json::from_str::<serde_json::Value>(&s.inner_html()).unwrap())
        .find(|v| v["@type"] == "NewsArticle")
        .expect("NewsArticle")
}

/// The output file of an absolute URL under https://example.org/.
fn file_of_url(site: &SiteTest, url: &str) -> PathBuf {
    site.public()
        .join(url.strip_prefix("https://example.org/").expect(url))
}

#[test]
fn sharing_metadata_names_the_photo_with_its_size_and_alt() {
    let site = SiteTest::fixture("photos");
    site.build();
    let doc = page(&site, MARKET);
    let image = meta(&doc, "og:image").unwrap();
    let (w, h, format) = decode(&file_of_url(&site, &image));
    assert_eq!((w, h, format), (1200, 675, image::ImageFormat::Jpeg));
    assert_eq!(meta(&doc, "og:image:width").as_deref(), Some("1200"));
    assert_eq!(meta(&doc, "og:image:height").as_deref(), Some("675"));
    assert_eq!(meta(&doc, "og:image:type").as_deref(), Some("image/jpeg"));
    let alt = "Reed beds and a small boat on a calm channel";
    assert_eq!(meta(&doc, "og:image:alt").as_deref(), Some(alt));
    assert_eq!(
        meta(&doc, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(meta(&doc, "twitter:image"), Some(image.clone()));
    assert_eq!(meta(&doc, "twitter:image:alt").as_deref(), Some(alt));
    // NewsArticle: every size, widest first, each an existing file of its stated size.
    let news = news_article(&doc);
    let images = news["image"].as_array().unwrap();
    assert_eq!(images.len(), 4, "{images:?}");
    assert_eq!(images[0]["url"], image.as_str());
    for (object, width) in images.iter().zip([1200, 800, 480, 240]) {
        assert_eq!(object["@type"], "ImageObject");
        assert_eq!(object["width"], width);
        let (w, h, _) = decode(&file_of_url(&site, object["url"].as_str().unwrap()));
        assert_eq!(
            (object["width"].as_u64(), object["height"].as_u64()),
            (Some(w as u64), Some(h as u64))
        );
    }
    // No photo, no image metadata and the small card.
    let doc = page(&site, DUNES);
    assert_eq!(meta(&doc, "og:image"), None);
    assert_eq!(meta(&doc, "twitter:card").as_deref(), Some("summary"));
    assert!(news_article(&doc).get("image").is_none());
}

#[test]
fn remote_photos_are_used_as_they_are_with_their_caption() {
    let site = SiteTest::fixture("photos");
    site.build();
    let url = "https://cdn.example.org/wire/riyadh-metro.jpg";
    let doc = page(&site, METRO);
    let imgs = select(&doc, "figure.photo img");
    assert_eq!(imgs.len(), 1);
    assert_eq!(imgs[0].value().attr("src"), Some(url));
    assert_eq!(imgs[0].value().attr("srcset"), None);
    assert!(select(&doc, "figure.photo picture").is_empty());
    let caption = select(&doc, "figure.photo figcaption")[0]
        .text()
        .collect::<String>();
    assert!(
        caption.contains("A train on the Riyadh metro's blue line."),
        "{caption}"
    );
    assert!(caption.contains("Photo: AFP"), "{caption}");
    assert_eq!(meta(&doc, "og:image").as_deref(), Some(url));
    assert_eq!(meta(&doc, "og:image:width"), None, "size unknown");
    assert_eq!(
        meta(&doc, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(news_article(&doc)["image"], serde_json::json!([url]));
}

#[test]
fn alt_text_is_image_alt_never_the_caption_repeated() {
    let site = SiteTest::fixture("photos");
    site.build();
    let doc = page(&site, MARKET);
    let lead = select(&doc, "figure.photo img")[0];
    assert_eq!(
        lead.value().attr("alt"),
        Some("Reed beds and a small boat on a calm channel")
    );
    // Caption, no image_alt: the figcaption says it, so the img's alt is empty; the
    // sharing metadata, which has no caption beside it, takes the caption.
    let doc = page(&site, BOOK_FAIR);
    let lead = select(&doc, "figure.photo img")[0];
    assert_eq!(lead.value().attr("alt"), Some(""));
    assert_eq!(
        meta(&doc, "og:image:alt").as_deref(),
        Some("Visitors at the Doha International Book Fair.")
    );
}

#[test]
fn image_alt_is_checked_like_other_keys() {
    let site = SiteTest::fixture("photos");
    site.write(
        "content/gulf/2024-02-10-no-photo.md",
        "---\ntitle: No photo here\ndate: 2024-02-10\nregion: gulf\ntags: []\nimage_alt: A photo that is not there\n---\n\nText.\n",
    );
    let run = site.run(&["build", "--now", NOW]);
    run.expect_failure();
    assert!(
        run.stderr().contains("content/gulf/2024-02-10-no-photo.md:6: `image_alt` describes `image`, but there is no `image`"),
        "{}",
        run.stderr()
    );
    site.write(
        "content/gulf/2024-02-10-no-photo.md",
        "---\ntitle: No photo here\ndate: 2024-02-10\nregion: gulf\ntags: []\nimage: /images/small.jpg\nimage_alt: [a, list]\n---\n\nText.\n",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stdout().contains(":7: `image_alt` must be text")
            || run.stderr().contains(":7: `image_alt` must be text"),
        "{}{}",
        run.stdout(),
        run.stderr()
    );
}

#[test]
fn a_photo_beside_the_article_that_is_missing_or_broken_is_an_error() {
    let site = SiteTest::fixture("photos");
    // `check` accepts a photo beside the article.
    site.run(&["check"]).expect_success();
    std::fs::write(site.root().join("content/gulf/market.jpg"), b"not a jpeg").unwrap();
    let run = site.run(&["build", "--now", NOW]);
    run.expect_failure();
    assert!(
        run.stderr().contains(
            "content/gulf/2024-02-06-muscat-market.md:6: image `market.jpg` cannot be read"
        ),
        "{}",
        run.stderr()
    );
    assert!(!site.public().exists(), "nothing written");
    std::fs::remove_file(site.root().join("content/gulf/market.jpg")).unwrap();
    let run = site.run(&["build", "--now", NOW]);
    run.expect_failure();
    assert!(
        run.stderr()
            .contains("content/gulf/2024-02-06-muscat-market.md:6: image `market.jpg` not found"),
        "{}",
        run.stderr()
    );
}
