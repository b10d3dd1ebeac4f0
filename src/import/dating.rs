//! Choosing an imported article's date, and saying where it came from: `--date`, the
//! source's own published time, a date stamp or dateline, the lead, the photo caption,
//! else the import day (and a draft until an editor confirms it).

use super::raw::RawArticle;
use super::{classify::LEAD_PARAGRAPHS, credit, dates, text};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The dateline: a date stamp line in the header or the start of the lead.
    Dateline,
    /// The lead paragraph.
    Lead,
    /// The source's own metadata: a page's published time, a feed item's date.
    Published,
    /// The photo caption (the photo may be older than the story).
    Caption,
    /// `--date`.
    Option,
    /// Nothing found: the import day, and the article is a draft until confirmed.
    ImportDay,
}

impl DateSource {
    pub fn describe(self) -> &'static str {
        match self {
            DateSource::Dateline => "from the dateline",
            DateSource::Lead => "from the lead paragraph",
            DateSource::Published => "from the source's published time",
            DateSource::Caption => "from the photo caption",
            DateSource::Option => "from --date",
            DateSource::ImportDay => "the import day (no date in the text)",
        }
    }
}

pub struct Dated {
    pub date: NaiveDate,
    pub source: DateSource,
    pub line: Option<usize>,
}

/// The date rule: `--date`; the source's published time; a date stamp in the header
/// (or set aside from the body); the dateline's date, its year taken from the rest of the
/// article when the dateline has none (a time stamp, the copyright line, the caption,
/// else the year in which that day fell on the weekday the lead names); a full date in the
/// lead (the first paragraph, and the next ones while they are short dateline or byline
/// lines); else the caption's date (not a file photo's); else the import day. Dates deeper in
/// the body are history. A date after the import day is an event, not the story's date.
/// Numeric dates (`04/06/2024`) are day first, except in AP and other US copy.
pub fn choose_date(
    article: &RawArticle,
    option: Option<NaiveDate>,
    today: NaiveDate,
    timezone: &chrono_tz::Tz,
) -> Dated {
    if let Some(date) = option {
        return Dated {
            date,
            source: DateSource::Option,
            line: None,
        };
    }
    if let Some(published) = article.facts.published {
        return Dated {
            date: published.with_timezone(timezone).date_naive(),
            source: DateSource::Published,
            line: None,
        };
    }
    let plausible = |d: NaiveDate| d <= today.succ_opt().unwrap_or(today);
    let order = numeric_order(article);
    let dated = |date: NaiveDate, source: DateSource, line: usize| Dated {
        date,
        source,
        line: Some(line),
    };
    if let Some((line, date)) = &article.stamp {
        let date = dates::date_stamp_line_ordered(&line.text, order).unwrap_or(*date);
        if plausible(date) {
            return dated(date, DateSource::Dateline, line.line);
        }
    }
    // A stamp set aside from the body ("Updated June 4, 2024" under the dateline).
    for l in &article.facts.set_aside {
        if let Some(date) = dates::date_stamp_line_ordered(&l.text, order).filter(|d| plausible(*d))
        {
            return dated(date, DateSource::Dateline, l.line);
        }
    }
    if let Some((line, day)) = dateline_date(article) {
        let date = match day.year {
            Some(_) => day.in_year(0),
            None => year_for(article, &day, today, order).and_then(|y| day.in_year(y)),
        };
        if let Some(date) = date.filter(|d| plausible(*d)) {
            return dated(date, DateSource::Dateline, line);
        }
    }
    for (i, paragraph) in article.body.iter().take(LEAD_PARAGRAPHS).enumerate() {
        if paragraph.heading {
            continue;
        }
        if let Some(found) = dates::find_dates_ordered(&paragraph.text, order)
            .into_iter()
            .find(|f| plausible(f.date))
        {
            let dateline_end = paragraph
                .text
                .find([':', '-', '–', '—'])
                .filter(|&i| i <= 80)
                .unwrap_or(0);
            let in_dateline = i == 0 && found.start < dateline_end;
            let source = if in_dateline || dates::date_stamp_line(&paragraph.text).is_some() {
                DateSource::Dateline
            } else {
                DateSource::Lead
            };
            return dated(found.date, source, paragraph.line);
        }
        if !dateline_or_byline(&paragraph.text) {
            break; // the first real paragraph is the lead; what follows is the body
        }
    }
    if let Some((date, line)) = caption_date(article, order).filter(|(d, _)| plausible(*d)) {
        return dated(date, DateSource::Caption, line);
    }
    Dated {
        date: today,
        source: DateSource::ImportDay,
        line: None,
    }
}

/// Day first, unless the copy is from a US agency (AP) or its stamps are in US time.
fn numeric_order(article: &RawArticle) -> dates::NumericOrder {
    let source = article.facts.source.as_deref().or_else(|| {
        article
            .body
            .first()
            .and_then(|p| credit::dateline(&p.text))
            .and_then(|d| d.agency)
    });
    let us_zone = article
        .stamp
        .iter()
        .map(|(l, _)| l.text.as_str())
        .chain(article.facts.set_aside.iter().map(|l| l.text.as_str()))
        .any(|t| {
            text::tokens(t)
                .iter()
                .any(|w| matches!(w.text, "EDT" | "EST" | "CDT" | "CST" | "PDT" | "PST" | "ET"))
        });
    if us_zone || source.is_some_and(credit::month_first_agency) {
        dates::NumericOrder::MonthFirst
    } else {
        dates::NumericOrder::DayFirst
    }
}

/// The dateline's date and its line: the first paragraph's dateline, or the second's when
/// the first is a dateline on its own line.
fn dateline_date(article: &RawArticle) -> Option<(usize, dates::MonthDay)> {
    let first = article.body.first()?;
    let mut candidates = vec![first];
    if credit::dateline(&first.text).is_some_and(|d| d.whole && d.date.is_none()) {
        candidates.extend(article.body.get(1));
    }
    candidates.into_iter().find_map(|p| {
        let d = credit::dateline(&p.text)?;
        Some((p.line, d.date?))
    })
}

/// The photo caption's date and line, unless the caption says it is a file photo.
fn caption_date(article: &RawArticle, order: dates::NumericOrder) -> Option<(NaiveDate, usize)> {
    let caption = article.caption.as_ref()?;
    let lower = caption.raw.to_lowercase();
    if lower.contains("file photo") || lower.starts_with("file") || lower.contains("[file") {
        return None;
    }
    let found = dates::find_dates_ordered(&caption.raw, order)
        .into_iter()
        .next()?;
    Some((found.date, caption.lines.first().copied().unwrap_or(0)))
}

/// The weekday the lead names on its own ("said on Tuesday").
fn lead_weekday(article: &RawArticle) -> Option<chrono::Weekday> {
    article
        .body
        .iter()
        .filter(|p| !p.heading)
        .take(2)
        .find_map(|p| dates::weekday_reference(&p.text))
}

/// The year of a dateline that gives only a month and day: from the article's stamps and
/// copyright line, else its caption (a file photo's year is not the story's), else the
/// latest year in which that day fell on the weekday the lead names, else the latest
/// year in which the day is not after the import day.
fn year_for(
    article: &RawArticle,
    day: &dates::MonthDay,
    today: NaiveDate,
    order: dates::NumericOrder,
) -> Option<i32> {
    let plausible = |d: NaiveDate| d <= today.succ_opt().unwrap_or(today);
    let fits = |y: i32| day.in_year(y).is_some_and(plausible);
    // Years stated beside the story: a stamp, a copyright line ("© 2024 AFP").
    let stated = article
        .stamp
        .iter()
        .map(|(l, _)| l.text.as_str())
        .chain(article.facts.set_aside.iter().map(|l| l.text.as_str()))
        .filter_map(|t| {
            if let Some(found) = dates::find_dates_ordered(t, order).first() {
                return Some(found.date.year());
            }
            let copyright = t.starts_with('©')
                || t.to_lowercase().starts_with("copyright")
                || t.to_lowercase().contains("all rights reserved");
            copyright
                .then(|| text::tokens(t).iter().find_map(|w| year_token(w.text)))
                .flatten()
        })
        .find(|&y| fits(y));
    if stated.is_some() {
        return stated;
    }
    if let Some((date, _)) = caption_date(article, order) {
        // The photo may be from the day before the story, or from late December.
        for y in [date.year(), date.year() + 1] {
            if day
                .in_year(y)
                .is_some_and(|d| d >= date - chrono::Days::new(7) && plausible(d))
            {
                return Some(y);
            }
        }
    }
    let latest = today.year();
    if let Some(w) = lead_weekday(article) {
        if let Some(y) = (latest - 12..=latest)
            .rev()
            .find(|&y| fits(y) && day.in_year(y).is_some_and(|d| d.weekday() == w))
        {
            return Some(y);
        }
    }
    (latest - 1..=latest).rev().find(|&y| fits(y))
}

/// A four-digit year between 1900 and 2100.
fn year_token(word: &str) -> Option<i32> {
    (word.len() == 4)
        .then(|| word.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// A line before the lead proper: a date stamp, a dateline ("Baghdad- Asharq Al-Awsat"),
/// a byline ("By Jane Doe") or a short label without a full stop.
fn dateline_or_byline(paragraph: &str) -> bool {
    let n = text::char_len(paragraph);
    dates::date_stamp_line(paragraph).is_some()
        || credit::is_dateline_only(paragraph)
        || (n <= 60 && (paragraph.starts_with("By ") || paragraph.starts_with("by ")))
        || (n <= 40 && !paragraph.ends_with(['.', '!', '?', '"', '”', '»']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn article(raw_text: &str) -> RawArticle {
        let file = source::plain::split(raw_text);
        assert_eq!(file.articles.len(), 1, "{file:?}");
        file.articles.into_iter().next().unwrap()
    }

    #[test]
    fn date_rule_table() {
        let today = ymd(2025, 6, 1);
        let caption = "A photo in Tunis on February 2, 2025. Fethi Beland, AFP";
        let cases: &[(String, DateSource, NaiveDate)] = &[
            (format!("Camps Dismantled\n\n{caption}\n{caption}\n\nCamps Dismantled\n\n{caption}\n\nTunisian authorities said on Saturday that the camps were dismantled after weeks of tension in the area.\n"), DateSource::Caption, ymd(2025, 2, 2)),
            (format!("Camps Dismantled\n\n{caption}\n{caption}\n\nCamps Dismantled\n\nTunisian authorities said on 6 February 2025 that the camps were dismantled after weeks of tension in the area.\n"), DateSource::Lead, ymd(2025, 2, 6)),
            ("Camps Dismantled\n\nTUNIS, Feb. 7, 2025 (Reuters) - Tunisian authorities said the camps were dismantled after weeks of tension in the area.\n".into(), DateSource::Dateline, ymd(2025, 2, 7)),
            ("Camps Dismantled\n\nTunisian authorities said on Saturday that the camps were dismantled after weeks of tension in the area.\nIn 2014, on June 10, 2014, the city fell.\n".into(), DateSource::ImportDay, today),
            ("Camps Dismantled\n\nOfficials said elections will be held on March 3, 2031, after a long delay in the whole country as planned.\n".into(), DateSource::ImportDay, today),
            ("Camps Dismantled\n\nThe camps were dismantled, officials said.\nIn 2014, on June 10, 2014, the city fell to the group after a long siege.\n".into(), DateSource::ImportDay, today),
            ("Camps Dismantled\n\nBy Jane Doe\nFeb. 7, 2025\nTunisian authorities said the camps were dismantled after weeks of tension in the area.\n".into(), DateSource::Dateline, ymd(2025, 2, 7)),
        ];
        for (text, source, date) in cases {
            let a = article(text);
            let dated = choose_date(&a, None, today, &chrono_tz::UTC);
            assert_eq!((dated.source, dated.date), (*source, *date), "{text}");
        }
        let a = article(&cases[0].0);
        let dated = choose_date(&a, Some(ymd(2020, 1, 1)), today, &chrono_tz::UTC);
        assert_eq!(
            (dated.source, dated.date),
            (DateSource::Option, ymd(2020, 1, 1))
        );
    }
}
