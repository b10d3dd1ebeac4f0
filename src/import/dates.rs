//! Finding an article's date in raw text: full dates only ("Feb. 6, 2024",
//! "February 2, 2025", "6 February 2024", "2024-03-11", "٦ فبراير ٢٠٢٤"). A bare weekday,
//! a month without a day or a day without a year is not a date. Which part of an article
//! may decide its date (dateline, lead, caption) is the caller's rule, not this module's.

use super::text::{tokens, Token};
use chrono::NaiveDate;

/// A full date found in text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// Years outside this range are page numbers, counts or typos, not news dates.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Month number of an English or Arabic month name: full names and the usual
/// abbreviations ("Feb", "Sept"), capitalised or all caps. Lowercase is refused so the
/// verb "may" and the word "march" are never months.
fn month(word: &str) -> Option<u32> {
    let first = word.chars().next()?;
    if first.is_ascii() {
        if !first.is_ascii_uppercase() {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let m = match lower.as_str() {
            "january" | "jan" => 1,
            "february" | "feb" => 2,
            "march" | "mar" => 3,
            "april" | "apr" => 4,
            "may" => 5,
            "june" | "jun" => 6,
            "july" | "jul" => 7,
            "august" | "aug" => 8,
            "september" | "sept" | "sep" => 9,
            "october" | "oct" => 10,
            "november" | "nov" => 11,
            "december" | "dec" => 12,
            _ => return None,
        };
        return Some(m);
    }
    // Arabic: the Egyptian/Gulf names (يناير…) and the Levantine/Iraqi ones (كانون الثاني…,
    // whose two-word names are matched by their distinctive first word where possible).
    let m = match word {
        "يناير" | "كانون" => 1,
        "فبراير" | "شباط" => 2,
        "مارس" | "آذار" | "اذار" => 3,
        "أبريل" | "ابريل" | "إبريل" | "نيسان" => 4,
        "مايو" | "أيار" | "ايار" => 5,
        "يونيو" | "يونيه" | "حزيران" => 6,
        "يوليو" | "يوليه" | "تموز" => 7,
        "أغسطس" | "اغسطس" | "آب" => 8,
        "سبتمبر" | "أيلول" | "ايلول" => 9,
        "أكتوبر" | "اكتوبر" | "تشرين" => 10,
        "نوفمبر" => 11,
        "ديسمبر" => 12,
        _ => return None,
    };
    Some(m)
}

/// Levantine months spelt in two words: "كانون الثاني" (January), "كانون الأول"
/// (December), "تشرين الأول" (October), "تشرين الثاني" (November).
fn two_word_month(first: &str, second: &str) -> Option<u32> {
    let second_is_first = matches!(second, "الأول" | "الاول");
    let second_is_second = second == "الثاني";
    match first {
        "كانون" if second_is_second => Some(1),
        "كانون" if second_is_first => Some(12),
        "تشرين" if second_is_first => Some(10),
        "تشرين" if second_is_second => Some(11),
        _ => None,
    }
}

/// Digits of a number token, ASCII or Arabic-Indic, as a value; `None` for anything else.
fn number(word: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut digits = 0;
    for c in word.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '\u{0660}'..='\u{0669}' => c as u32 - 0x0660,
            '\u{06F0}'..='\u{06F9}' => c as u32 - 0x06F0,
            _ => return None,
        };
        value = value.checked_mul(10)?.checked_add(d)?;
        digits += 1;
    }
    (digits > 0).then_some((value, digits))
}

/// A day of the month, with an optional English ordinal suffix: "6", "06", "2nd", "21st".
fn day(word: &str) -> Option<u32> {
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c)))
        .unwrap_or(word.len());
    let (digits, suffix) = word.split_at(digits_end);
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let (value, n) = number(digits)?;
    (n <= 2 && (1..=31).contains(&value)).then_some(value)
}

fn year(word: &str) -> Option<i32> {
    let (value, n) = number(word)?;
    let value = i32::try_from(value).ok()?;
    (n == 4 && YEARS.contains(&value)).then_some(value)
}

/// The text between two tokens may hold only spaces, one comma and an abbreviation dot:
/// "Feb. 6, 2024", "6 February, 2024", "February 2 2025".
fn loose_gap(gap: &str) -> bool {
    gap.len() <= 4
        && !gap.is_empty()
        && gap.chars().all(|c| matches!(c, ' ' | ',' | '.' | '،'))
        && gap.matches([',', '،']).count() <= 1
        && gap.matches('.').count() <= 1
}

/// Every full date in `text`, in order of appearance.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let toks = tokens(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((date, last)) = date_at(text, &toks, i) {
            found.push(FoundDate {
                date,
                start: toks[i].start,
                end: toks[last].end,
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    found
}

/// The date starting at token `i`, and the index of its last token.
fn date_at(text: &str, toks: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let t = |k: usize| toks.get(k);
    let gap = |a: &Token, b: &Token| text.get(a.end..b.start).unwrap_or("");
    let first = t(i)?;
    // ISO 8601: 2024-03-11 (also 2024/03/11), not part of a longer number run.
    if let Some(y) = year(first.text) {
        let (m, d) = (t(i + 1)?, t(i + 2)?);
        let sep = gap(first, m);
        if (sep == "-" || sep == "/")
            && gap(m, d) == sep
            && m.text.len() == 2
            && d.text.len() == 2
            && !text[d.end..].starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '/')
            && !text[..first.start].ends_with(|c: char| c.is_ascii_digit() || c == '-' || c == '/')
        {
            let (m, _) = number(m.text)?;
            let (d, _) = number(d.text)?;
            return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, i + 2));
        }
        return None;
    }
    // Month Day[,] Year: "Feb. 6, 2024", "February 2nd 2025".
    if let Some(mut m) = month(first.text) {
        let mut k = i + 1;
        if let Some(two) = t(k).and_then(|second| two_word_month(first.text, second.text)) {
            m = two;
            k += 1;
        }
        let d_tok = t(k)?;
        let d = day(d_tok.text)?;
        let y_tok = t(k + 1)?;
        let y = year(y_tok.text)?;
        if loose_gap(gap(&toks[k - 1], d_tok)) && loose_gap(gap(d_tok, y_tok)) {
            return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, k + 1));
        }
        return None;
    }
    // Day [of] Month[,] Year: "6 February 2024", "6th of Feb. 2024", "٦ فبراير ٢٠٢٤".
    if let Some(d) = day(first.text) {
        let mut k = i + 1;
        if t(k).is_some_and(|w| w.text == "of") {
            k += 1;
        }
        let m_tok = t(k)?;
        let mut m = month(m_tok.text)?;
        if let Some(two) = t(k + 1).and_then(|second| two_word_month(m_tok.text, second.text)) {
            m = two;
            k += 1;
        } else if matches!(m_tok.text, "كانون" | "تشرين") {
            return None; // "كانون" alone does not say which of the two
        }
        let y_tok = t(k + 1)?;
        let y = year(y_tok.text)?;
        if loose_gap(gap(first, &toks[i + 1])) && loose_gap(gap(&toks[k], y_tok)) {
            return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, k + 1));
        }
    }
    None
}

/// The first full date in `text`.
pub fn first_date(text: &str) -> Option<FoundDate> {
    find_dates(text).into_iter().next()
}

/// Words that may surround a date on a line that is only a date stamp
/// ("Tuesday, 6 February, 2024 - 11:30 GMT", "Published: Feb. 6, 2024").
fn stamp_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "published"
            | "updated"
            | "posted"
            | "last"
            | "on"
            | "at"
            | "am"
            | "pm"
            | "a"
            | "p"
            | "m"
            | "gmt"
            | "utc"
            | "local"
            | "time"
            | "edt"
            | "est"
            | "cet"
            | "ast"
            | "الاثنين"
            | "الإثنين"
            | "الثلاثاء"
            | "الأربعاء"
            | "الاربعاء"
            | "الخميس"
            | "الجمعة"
            | "السبت"
            | "الأحد"
            | "الاحد"
    ) || word.chars().all(|c| c.is_ascii_digit())
}

/// A line that is nothing but a date stamp, and its date. Used to keep stamp lines in the
/// header of a raw article out of the caption and the body.
pub fn date_stamp_line(line: &str) -> Option<NaiveDate> {
    if line.chars().count() > 80 {
        return None;
    }
    let found = find_dates(line);
    let first = found.first()?;
    let outside = format!("{} {}", &line[..first.start], &line[first.end..]);
    tokens(&outside)
        .iter()
        .all(|t| stamp_word(t.text))
        .then_some(first.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn full_dates_are_found() {
        let cases = [
            (
                "in Baghdad, Iraq, Tuesday, Feb. 6, 2024. (AP)",
                ymd(2024, 2, 6),
            ),
            (
                "in Tunis on February 2, 2025. Fethi Beland, AFP",
                ymd(2025, 2, 2),
            ),
            ("on 6 February 2024 the minister", ymd(2024, 2, 6)),
            ("report dated 2024-03-11.", ymd(2024, 3, 11)),
            ("on 2024/03/11", ymd(2024, 3, 11)),
            ("Sept. 30, 2023", ymd(2023, 9, 30)),
            ("Feb 6 2024", ymd(2024, 2, 6)),
            ("February 2nd, 2025", ymd(2025, 2, 2)),
            ("the 6th of February, 2024", ymd(2024, 2, 6)),
            ("FEB. 6, 2024", ymd(2024, 2, 6)),
            ("BAGHDAD, May 1, 2024 (Reuters) -", ymd(2024, 5, 1)),
            ("في ٦ فبراير ٢٠٢٤", ymd(2024, 2, 6)),
            ("في 6 شباط 2024", ymd(2024, 2, 6)),
            ("في 3 كانون الثاني 2024", ymd(2024, 1, 3)),
            ("في 3 تشرين الأول 2023", ymd(2023, 10, 3)),
        ];
        for (text, expected) in cases {
            let found = first_date(text).map(|f| f.date);
            assert_eq!(found, Some(expected), "first_date({text:?})");
        }
    }

    #[test]
    fn partial_dates_are_not_dates() {
        for text in [
            "on Tuesday, the minister said",
            "In July, Washington barred 14 Iraqi banks",
            "Talks began in January 2024",
            "on March 25 called on the IOM",
            "three may 2024 be",          // lowercase "may" is a verb
            "Feb. 30, 2024",              // no such day
            "in 2014 seized large parts", // a year alone
            "2,500 troops",
            "version 2024-3-11",
            "12024-03-11",
            "on 45 February 2024",
            "March 2024 20 people",
            "",
        ] {
            assert_eq!(first_date(text), None, "first_date({text:?})");
        }
    }

    #[test]
    fn spans_cover_the_date() {
        let text = "Tuesday, Feb. 6, 2024. (AP)";
        let f = first_date(text).unwrap();
        assert_eq!(&text[f.start..f.end], "Feb. 6, 2024");
        let all = find_dates("From 1 May 2020 to June 3, 2021 and 2022-01-02");
        let dates: Vec<_> = all.iter().map(|f| f.date).collect();
        assert_eq!(
            dates,
            vec![ymd(2020, 5, 1), ymd(2021, 6, 3), ymd(2022, 1, 2)]
        );
    }

    #[test]
    fn stamp_lines() {
        let cases = [
            (
                "Tuesday, 6 February, 2024 - 11:30 GMT",
                Some(ymd(2024, 2, 6)),
            ),
            ("Published: Feb. 6, 2024", Some(ymd(2024, 2, 6))),
            ("2024-03-11", Some(ymd(2024, 3, 11))),
            ("Talks resumed on Feb. 6, 2024 in Baghdad", None),
            ("TT", None),
        ];
        for (line, expected) in cases {
            assert_eq!(date_stamp_line(line), expected, "date_stamp_line({line:?})");
        }
    }
}
