//! Page noise: the whole lines that scrapes carry around an article (text-size widgets,
//! share counts, buttons, "Read more: …", advertising labels, rule lines).

/// Page furniture that scrapes carry around an article: the text-size widget ("TT",
/// "A A"), share and comment counts ("20", "1.2K", "20 shares"), social and save buttons
/// ("Share", "Save", "Listen to this article", "Follow us on X"), pointers to other
/// stories ("Read more: …", "Related:", "اقرأ أيضاً: …"), advertising labels and rule
/// lines ("___"). Only whole lines count.
pub fn is_noise(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    if widget(t) {
        return true;
    }
    // Rule lines: "___", "***", "---", "• • •".
    if t.chars().count() >= 2 && !t.chars().any(char::is_alphanumeric) {
        return true;
    }
    if is_body_noise(t) {
        return true;
    }
    if t.len() <= 60 {
        let lower = t.to_lowercase();
        let lower = lower.trim_end_matches(['.', ':', ' ']);
        if NOISE_LINES.contains(&lower) {
            return true;
        }
        // "Follow us on X", "Follow Al Jazeera on Instagram", "Follow @arabnews".
        if let Some(rest) = lower.strip_prefix("follow ") {
            let social = [
                " x",
                "twitter",
                "facebook",
                "instagram",
                "whatsapp",
                "telegram",
                "linkedin",
                "tiktok",
                "youtube",
                "google news",
                "threads",
                "bluesky",
            ];
            if rest.starts_with('@')
                || social.iter().any(|s| rest.ends_with(s))
                || rest.contains(" on x,")
            {
                return true;
            }
        }
        if lower.starts_with("listen to this article") || lower.starts_with("listen to article") {
            return true;
        }
    }
    if t.len() <= 300 {
        let lower = t.to_lowercase();
        if NOISE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
            return true;
        }
        // A bare link ("https://arab.news/4xyz" under "Short Url").
        if !t.contains(' ') && (lower.starts_with("http://") || lower.starts_with("https://")) {
            return true;
        }
    }
    false
}

/// Whole lines of web-page furniture, lowercase, without a final full stop or colon.
pub(super) const NOISE_LINES: &[&str] = &[
    "share",
    "shares",
    "share this",
    "share this article",
    "share this story",
    "share via",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on whatsapp",
    "share on linkedin",
    "tweet",
    "print",
    "print this article",
    "email",
    "e-mail",
    "comments",
    "comment",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "copy link",
    "copy url",
    "link copied",
    "listen",
    "save",
    "saved",
    "save article",
    "save for later",
    "save articles to read later and create your own reading list",
    "gift this article",
    "follow",
    "follow us",
    "font size",
    "text size",
    "short url",
    "show more",
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related topics",
    "recommended",
    "recommended stories",
    "more on this story",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "scroll to continue",
    "continue reading",
    "skip advertisement",
    "report this ad",
    "advertisement · scroll to continue",
    "purchase licensing rights",
    "purchase licensing rights, opens new tab",
    "opens new tab",
    "sign up here",
    "end of list",
    "اقرأ أيضاً",
    "اقرأ أيضا",
    "اقرأ أيضًا",
    "إقرأ أيضاً",
    "إقرأ أيضا",
    "اقرأ ايضا",
    "اقرأ المزيد",
    "إقرأ المزيد",
    "شارك",
    "شارك الخبر",
    "شارك المقال",
    "مشاركة",
    "حفظ",
    "استمع",
    "استمع إلى المقال",
    "طباعة",
    "تابعونا",
    "ذات صلة",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "الأكثر قراءة",
    "رابط مختصر",
];

/// Lines that start like pointers to other stories or calls to sign up, lowercase.
pub(super) const NOISE_PREFIXES: &[&str] = &[
    "read more:",
    "read more -",
    "read more –",
    "read more about",
    "read also:",
    "also read:",
    "see also:",
    "related:",
    "related coverage:",
    "related story:",
    "related article:",
    "more:",
    "watch:",
    "click here",
    "join our whatsapp",
    "join our telegram",
    "subscribe to our",
    "sign up for our",
    "sign up to our",
    "download our app",
    "download the app",
    "اقرأ أيضاً:",
    "اقرأ أيضا:",
    "اقرأ أيضًا:",
    "إقرأ أيضاً:",
    "إقرأ أيضا:",
    "اقرأ ايضا:",
    "اقرأ أيضاً ",
    "اقرأ أيضا ",
    "إقرأ أيضاً ",
    "اقرأ المزيد:",
    "تابعونا على",
    "تابعوا",
    "تابعنا على",
    "شاهد:",
];

/// The scraped layout's widgets: "TT", "A A", share and comment counts ("20", "1.2K",
/// "20 shares", "3 min read").
pub(super) fn widget(t: &str) -> bool {
    if t.len() > 40 {
        return false;
    }
    // "TT", "A A", "A+ A-", "AA"
    if t.len() <= 5
        && t.chars()
            .all(|c| matches!(c, 'A' | 'T' | 'a' | '+' | '-' | ' '))
        && t.chars().any(|c| c == 'A' || c == 'T')
    {
        return true;
    }
    if is_count(t) {
        return true;
    }
    let lower = t.to_lowercase();
    if let Some((count, word)) = lower.split_once(' ') {
        if is_count(count)
            && matches!(
                word,
                "shares"
                    | "share"
                    | "comments"
                    | "comment"
                    | "views"
                    | "likes"
                    | "min read"
                    | "mins read"
                    | "minutes read"
                    | "minute read"
                    | "min"
                    | "reads"
            )
        {
            return true;
        }
    }
    false
}

/// "20", "1,234", "1.2K", "3M"
pub(super) fn is_count(t: &str) -> bool {
    let digits = t.strip_suffix(['K', 'k', 'M', 'm']).unwrap_or(t);
    !digits.is_empty()
        && digits.len() <= 9
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Noise that may also sit between body paragraphs.
pub(super) fn is_body_noise(t: &str) -> bool {
    matches!(
        t,
        "Advertisement" | "ADVERTISEMENT" | "Advertisements" | "Sponsored" | "إعلان"
    )
}

/// Noise inside a body: everything `is_noise` knows except the scraped layout's widgets
/// (a lone "20" between paragraphs is text).
pub(super) fn body_noise(t: &str) -> bool {
    !widget(t) && is_noise(t)
}
