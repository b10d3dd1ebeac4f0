//! The image pipeline's cost (issue 15): `cargo run --release --example image_bench -- [N]`.
//! Draws N photo-like JPEGs (2400x1600: gradients, shapes and grain, quality 85), puts
//! each beside its own article in a temporary site, and builds it three times through
//! `gazette::build`: cold (empty cache), warm (a full build into another output folder,
//! the variants from `.gazette/cache/images/`), and warm again. Prints the times, the
//! pipeline's counters, the bytes of each width and format, and two measurements behind
//! the pipeline's choices on one photo: `fast_image_resize` against `image`'s own resize,
//! and libwebp's lossy WebP against `image`'s lossless-only WebP encoder. Figures only:
//! nothing here asserts a time.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const W: u32 = 2400;
const H: u32 = 1600;

/// A sky, a horizon, a few blocks and grain: compresses like a photo, not like a chart.
fn photo(rng: &mut Rng) -> image::RgbImage {
    let sky = [
        rng.below_u32(120) as i32,
        120 + rng.below_u32(80) as i32,
        180 + rng.below_u32(70) as i32,
    ];
    let ground = [
        90 + rng.below_u32(120) as i32,
        70 + rng.below_u32(90) as i32,
        40 + rng.below_u32(60) as i32,
    ];
    let horizon = H / 2 + rng.below_u32(H / 4);
    let blocks: Vec<(u32, u32, u32, u32, [i32; 3])> = (0..12)
        .map(|_| {
            let x = rng.below_u32(W);
            let w = 60 + rng.below_u32(300);
            let h = 80 + rng.below_u32(500);
            let c = [
                rng.below_u32(255) as i32,
                rng.below_u32(255) as i32,
                rng.below_u32(255) as i32,
            ];
            (x, horizon.saturating_sub(h), w, h, c)
        })
        .collect();
    let mut seed = rng.next();
    image::RgbImage::from_fn(W, H, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let grain = (seed % 17) as i32 - 8;
        let mut c = if y < horizon {
            let t = y as i32 * 60 / horizon as i32;
            [sky[0] + t, sky[1] + t / 2, sky[2] - t / 3]
        } else {
            let t = (y - horizon) as i32 * 40 / (H - horizon) as i32;
            [ground[0] - t, ground[1] - t, ground[2] - t]
        };
        for (bx, by, bw, bh, bc) in &blocks {
            if x >= *bx && x < bx + bw && y >= *by && y < by + bh {
                c = *bc;
            }
        }
        image::Rgb(c.map(|v| (v + grain).clamp(0, 255) as u8))
    })
}

fn jpeg(img: &image::RgbImage) -> Vec<u8> {
    use image::ImageEncoder as _;
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn build(root: &Path, output: &str) -> gazette::build::BuildSummary {
    let mut options = gazette::build::BuildOptions::new(root);
    options.output = Some(root.join(output));
    options.now = Some(chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z").unwrap());
    gazette::build::build(&options).expect("build")
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    println!(
        "CPU: {} ({} threads)",
        cpu_model(),
        rayon::current_num_threads()
    );
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.yaml"),
        "title: Bench\nbase_url: https://example.org/\nlang: en\ntimezone: UTC\nregions:\n  - slug: world\n    name: World\n",
    )
    .unwrap();
    let content = root.join("content/world");
    std::fs::create_dir_all(&content).unwrap();
    let mut rng = Rng(0x15_15_15);
    let start = Instant::now();
    let mut source_bytes = 0;
    let mut sample = None;
    for i in 0..n {
        let img = photo(&mut rng);
        let bytes = jpeg(&img);
        source_bytes += bytes.len();
        std::fs::write(content.join(format!("photo-{i:03}.jpg")), &bytes).unwrap();
        std::fs::write(
            content.join(format!("2024-03-01-story-{i:03}.md")),
            format!(
                "---\ntitle: Story number {i}\ndate: 2024-03-01\nregion: world\nimage: photo-{i:03}.jpg\nimage_alt: A street under a clear sky\nimage_caption: Caption {i}.\n---\n\nBody of story {i}.\n"
            ),
        )
        .unwrap();
        if sample.is_none() {
            sample = Some((img, bytes));
        }
    }
    println!(
        "{n} source photos of {W}x{H}: {:.1} MB of JPEG (q85), drawn in {:.1} s",
        source_bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );

    for (label, output) in [
        ("cold", "public"),
        ("warm", "public2"),
        ("warm again", "public3"),
    ] {
        let summary = build(root, output);
        let images = summary.timings.images.unwrap_or_default();
        let stage = summary
            .timings
            .stages
            .iter()
            .find(|(s, _)| *s == "images")
            .map_or(0.0, |(_, d)| d.as_secs_f64() * 1000.0);
        println!(
            "{label:>10}: build {:>8.0} ms, of which images {:>8.0} ms ({images})",
            summary.elapsed.as_secs_f64() * 1000.0,
            stage
        );
    }

    // Bytes per width and format, over all photos.
    let mut by: BTreeMap<(u32, String), (u64, usize)> = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("public/img")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let (stem, ext) = name.rsplit_once('.').unwrap();
        let width: u32 = stem.rsplit('-').next().unwrap().parse().unwrap();
        let slot = by.entry((width, ext.to_string())).or_default();
        slot.0 += entry.metadata().unwrap().len();
        slot.1 += 1;
    }
    println!("bytes per variant (mean over {n} photos):");
    for ((width, ext), (bytes, count)) in &by {
        println!(
            "  {width:>5} px {ext:<5} {:>8.1} KB  ({count} files)",
            *bytes as f64 / *count as f64 / 1000.0
        );
    }

    // The choices, on one photo.
    let (img, bytes) = sample.unwrap();
    let dynamic = image::DynamicImage::ImageRgb8(img.clone());
    let runs = 5;
    let t = Instant::now();
    for _ in 0..runs {
        let src = fast_image_resize::images::ImageRef::new(
            W,
            H,
            img.as_raw(),
            fast_image_resize::PixelType::U8x3,
        )
        .unwrap();
        let mut dst =
            fast_image_resize::images::Image::new(800, 533, fast_image_resize::PixelType::U8x3);
        let options = fast_image_resize::ResizeOptions::new().resize_alg(
            fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
        );
        fast_image_resize::Resizer::new()
            .resize(&src, &mut dst, &options)
            .unwrap();
    }
    let fir = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let t = Instant::now();
    for _ in 0..runs {
        let _ = dynamic.resize_exact(800, 533, image::imageops::FilterType::Lanczos3);
    }
    let own = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!(
        "resize {W}x{H} -> 800 px, Lanczos3: fast_image_resize {fir:.1} ms, image {own:.1} ms"
    );

    let small = dynamic
        .resize_exact(800, 533, image::imageops::FilterType::Lanczos3)
        .to_rgb8();
    let t = Instant::now();
    let lossy = gazette::images::encode_webp(small.as_raw(), 800, 533, false).unwrap();
    let lossy_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let mut lossless = Vec::new();
    image::DynamicImage::ImageRgb8(small.clone())
        .write_to(
            &mut std::io::Cursor::new(&mut lossless),
            image::ImageFormat::WebP,
        )
        .unwrap();
    let lossless_ms = t.elapsed().as_secs_f64() * 1000.0;
    let jpeg800 = jpeg(&small);
    println!(
        "800 px WebP: libwebp lossy q{} {:.1} KB in {lossy_ms:.1} ms; image's lossless {:.1} KB in {lossless_ms:.1} ms; JPEG q85 {:.1} KB (source photo {:.1} KB)",
        gazette::images::WEBP_QUALITY,
        lossy.len() as f64 / 1000.0,
        lossless.len() as f64 / 1000.0,
        jpeg800.len() as f64 / 1000.0,
        bytes.len() as f64 / 1000.0
    );
}
