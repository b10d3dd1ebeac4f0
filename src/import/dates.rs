//! Finding an article's date in raw text: full dates only ("Feb. 6, 2024",
//! "February 2, 2025", "6 February 2024", "2024-03-11", "٦ فبراير ٢٠٢٤"). A bare weekday,
//! a month without a day or a day without a year is not a date. Which part of an article
//! may decide its date (dateline, lead, caption) is the caller's rule, not this module's.

use super::text::{tokens, Token};
use chrono::{NaiveDate, Weekday};

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

/// Before the year, after a doubled Arabic month name ("يونيو (حزيران) 2024"): a loose
/// gap, or one closing parenthesis with spaces.
fn year_gap(gap: &str) -> bool {
    loose_gap(gap)
        || (gap.len() <= 3
            && gap.matches(')').count() == 1
            && gap.chars().all(|c| matches!(c, ' ' | ')' | ',')))
}

/// Between the two names of a doubled Arabic month: "يونيو حزيران", "يونيو/حزيران",
/// "يونيو (حزيران".
fn month_pair_gap(gap: &str) -> bool {
    !gap.is_empty() && gap.len() <= 4 && gap.chars().all(|c| matches!(c, ' ' | '/' | '(' | '-'))
}

/// How a numeric date such as `04/06/2024` is read: day first (most of the world, and
/// the default), or month first (AP and other US copy). A part above 12 decides by
/// itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NumericOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// A date that may lack its year ("June 4", "Jun. 4", "4 June", "٤ يونيو"), as datelines
/// and some time stamps give it, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    pub start: usize,
    pub end: usize,
}

impl MonthDay {
    /// The full date in `year` (its own year if it has one), if that day exists.
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year.unwrap_or(year), self.month, self.day)
    }
}

/// Every full date in `text`, in order of appearance; numeric dates day first.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    find_dates_ordered(text, NumericOrder::DayFirst)
}

/// Every full date in `text`, numeric dates read in `order`.
pub fn find_dates_ordered(text: &str, order: NumericOrder) -> Vec<FoundDate> {
    let toks = tokens(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match parts_at(text, &toks, i, order, false) {
            Some((Some(y), m, d, last)) => {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    found.push(FoundDate {
                        date,
                        start: toks[i].start,
                        end: toks[last].end,
                    });
                }
                i = last + 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// The first date in `text` with or without its year: "BEIRUT, June 4 (Reuters)",
/// "ISTANBUL, TÜRKİYE - JUNE 4:", "ABU DHABI, 4th June, 2024 (WAM)".
pub fn first_month_day(text: &str, order: NumericOrder) -> Option<MonthDay> {
    let toks = tokens(text);
    (0..toks.len()).find_map(|i| {
        let (year, month, day, last) = parts_at(text, &toks, i, order, true)?;
        // A day that does not exist in any year (Feb. 30) is no date.
        NaiveDate::from_ymd_opt(year.unwrap_or(2024), month, day)?;
        Some(MonthDay {
            year,
            month,
            day,
            start: toks[i].start,
            end: toks[last].end,
        })
    })
}

/// Is the token before `i` glued to it with a date separator or digit (part of a longer
/// number run such as a version or a phone number)?
fn glued_before(text: &str, tok: &Token<'_>) -> bool {
    text[..tok.start].ends_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
        && !text[..tok.start].ends_with(". ")
}

fn glued_after(text: &str, tok: &Token<'_>) -> bool {
    let rest = &text[tok.end..];
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('-' | '/' | '.') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The date starting at token `i` as (year, month, day, index of its last token). With
/// `partial`, a month and day without a year count too.
fn parts_at(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    order: NumericOrder,
    partial: bool,
) -> Option<(Option<i32>, u32, u32, usize)> {
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
            return Some((Some(y), m, d, i + 2));
        }
        return None;
    }
    // Numeric day and month: 04.06.2024, 04/06/2024, 4-6-2024 (one separator throughout).
    if let (Some((a, an)), Some(b_tok), Some(y_tok)) = (number(first.text), t(i + 1), t(i + 2)) {
        let sep = gap(first, b_tok);
        if an <= 2
            && matches!(sep, "." | "/" | "-")
            && gap(b_tok, y_tok) == sep
            && !glued_before(text, first)
            && !glued_after(text, y_tok)
        {
            if let (Some((b, bn)), Some(y)) = (number(b_tok.text), year(y_tok.text)) {
                if bn <= 2 {
                    let (d, m) = match order {
                        NumericOrder::DayFirst if b > 12 && a <= 12 => (b, a),
                        NumericOrder::DayFirst => (a, b),
                        NumericOrder::MonthFirst if a > 12 && b <= 12 => (a, b),
                        NumericOrder::MonthFirst => (b, a),
                    };
                    return ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((
                        Some(y),
                        m,
                        d,
                        i + 2,
                    ));
                }
            }
            return None;
        }
    }
    // Month Day[,] Year: "Feb. 6, 2024", "February 2nd 2025"; partial: "June 4".
    if let Some(mut m) = month(first.text) {
        let mut k = i + 1;
        if let Some(two) = t(k).and_then(|second| two_word_month(first.text, second.text)) {
            m = two;
            k += 1;
        }
        let d_tok = t(k)?;
        let d = day(d_tok.text)?;
        if !loose_gap(gap(&toks[k - 1], d_tok)) {
            return None;
        }
        if let Some(y_tok) = t(k + 1) {
            if let Some(y) = year(y_tok.text).filter(|_| loose_gap(gap(d_tok, y_tok))) {
                return Some((Some(y), m, d, k + 1));
            }
        }
        return (partial && !glued_after(text, d_tok)).then_some((None, m, d, k));
    }
    // Day [of] Month[,] Year: "6 February 2024", "6th of Feb. 2024", "٦ فبراير ٢٠٢٤",
    // "٤ يونيو حزيران ٢٠٢٤"; partial: "4 June".
    if let Some(d) = day(first.text) {
        let mut k = i + 1;
        if t(k).is_some_and(|w| w.text == "of") {
            k += 1;
        }
        let m_tok = t(k)?;
        let mut m = month(m_tok.text)?;
        if !loose_gap(gap(&toks[k - 1], m_tok)) || glued_before(text, first) {
            return None;
        }
        if let Some(two) = t(k + 1).and_then(|second| two_word_month(m_tok.text, second.text)) {
            m = two;
            k += 1;
        } else if matches!(m_tok.text, "كانون" | "تشرين") {
            return None; // "كانون" alone does not say which of the two
        }
        // The Arabic press often gives both month names: "يونيو حزيران", "يونيو/حزيران".
        if let Some(other) = t(k + 1) {
            if month(other.text) == Some(m)
                && !other.text.is_ascii()
                && month_pair_gap(gap(&toks[k], other))
            {
                k += 1;
            }
        }
        if let Some(y_tok) = t(k + 1) {
            if let Some(y) = year(y_tok.text).filter(|_| year_gap(gap(&toks[k], y_tok))) {
                return Some((Some(y), m, d, k + 1));
            }
        }
        return partial.then_some((None, m, d, k));
    }
    None
}

/// The first full date in `text`.
pub fn first_date(text: &str) -> Option<FoundDate> {
    find_dates(text).into_iter().next()
}

/// A weekday named as a word ("Tuesday", "TUESDAY", "الثلاثاء").
pub fn weekday(word: &str) -> Option<Weekday> {
    let lower = word.to_lowercase();
    let day = match lower.as_str() {
        "monday" | "الاثنين" | "الإثنين" => Weekday::Mon,
        "tuesday" | "الثلاثاء" => Weekday::Tue,
        "wednesday" | "الأربعاء" | "الاربعاء" => Weekday::Wed,
        "thursday" | "الخميس" => Weekday::Thu,
        "friday" | "الجمعة" => Weekday::Fri,
        "saturday" | "السبت" => Weekday::Sat,
        "sunday" | "الأحد" | "الاحد" => Weekday::Sun,
        _ => return None,
    };
    // English weekdays are capitalised; "sunday" in lowercase is not a day reference.
    let first = word.chars().next()?;
    (!first.is_ascii() || first.is_ascii_uppercase()).then_some(day)
}

/// The first weekday a paragraph names on its own ("said on Tuesday", "يوم الثلاثاء"),
/// not as part of a full date ("Tuesday, June 4, 2024" names the date itself).
pub fn weekday_reference(text: &str) -> Option<Weekday> {
    let full = find_dates(text);
    tokens(text).iter().find_map(|t| {
        let w = weekday(t.text)?;
        let next_to_date = full
            .iter()
            .any(|f| f.start >= t.end && f.start - t.end <= 3);
        (!next_to_date).then_some(w)
    })
}

/// Words that may surround a date on a line that is only a date stamp
/// ("Tuesday, 6 February, 2024 - 11:30 GMT", "Published: Feb. 6, 2024", "Published On
/// 4 Jun 2024", "4 June 2024 · 3 min read", "نشر في: 9 يونيو 2024 - 10:15 ص").
fn stamp_word(word: &str) -> bool {
    if number(word).is_some() {
        return true;
    }
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
            | "update"
            | "posted"
            | "modified"
            | "first"
            | "last"
            | "date"
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
            | "cdt"
            | "cst"
            | "pdt"
            | "pst"
            | "et"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "ast"
            | "gst"
            | "trt"
            | "min"
            | "mins"
            | "minute"
            | "minutes"
            | "read"
            | "hour"
            | "hours"
            | "ago"
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
            | "نشر"
            | "نُشر"
            | "في"
            | "آخر"
            | "اخر"
            | "تحديث"
            | "التحديث"
            | "تاريخ"
            | "بتاريخ"
            | "النشر"
            | "الموافق"
            | "ص"
            | "م"
            | "مـ"
            | "ت"
            | "ـ"
            | "بتوقيت"
            | "توقيت"
            | "غرينتش"
            | "جرينتش"
            | "مكة"
            | "المكرمة"
            | "منذ"
            | "ساعة"
            | "ساعات"
            | "ساعتين"
            | "دقيقة"
            | "دقائق"
            | "قراءة"
    )
}

/// A line that is nothing but a date stamp, and its date. Used to keep stamp lines in the
/// header of a raw article out of the caption and the body.
pub fn date_stamp_line(line: &str) -> Option<NaiveDate> {
    date_stamp_line_ordered(line, NumericOrder::DayFirst)
}

/// `date_stamp_line`, numeric dates read in `order`.
pub fn date_stamp_line_ordered(line: &str, order: NumericOrder) -> Option<NaiveDate> {
    if line.chars().count() > 80 {
        return None;
    }
    let found = find_dates_ordered(line, order);
    let first = found.first()?;
    let outside = format!("{} {}", &line[..first.start], &line[first.end..]);
    tokens(&outside)
        .iter()
        .all(|t| stamp_word(t.text) || month(t.text).is_some())
        .then_some(first.date)
}

/// A time stamp without a full date: "Updated 09:40 GMT", "Updated 2 hours ago",
/// "11:45 LOCAL TIME 08:45 GMT", "June 4, 10:15 AM", "١١:٤٥ ت م". Only stamp words,
/// numbers and month names, with a clock time or "ago".
pub fn time_stamp_line(line: &str) -> bool {
    if line.chars().count() > 60 {
        return false;
    }
    let toks = tokens(line);
    let clock = toks.windows(2).any(|w| {
        number(w[0].text).is_some_and(|(h, n)| n <= 2 && h <= 24)
            && number(w[1].text).is_some_and(|(m, n)| n == 2 && m < 60)
            && matches!(&line[w[0].end..w[1].start], ":" | ".")
    });
    let ago = toks
        .iter()
        .any(|t| matches!(t.text.to_lowercase().as_str(), "ago" | "منذ"));
    (clock || ago)
        && toks
            .iter()
            .all(|t| stamp_word(t.text) || month(t.text).is_some())
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
