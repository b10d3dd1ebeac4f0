//! Photo credits and news agencies: recognising the credit at the end of a caption
//! ("(AP)", "Fethi Beland, AFP", "AP Photo/Hadi Mizban", "(أ ف ب)"), normalising agency
//! names (AP, AFP, Reuters…) and spotting the agency in a dateline ("BAGHDAD (Reuters) -").
//! Pure functions over one line of text.

use super::dates;
use super::text::{char_len, tokens, Token};
use std::sync::OnceLock;

mod agencies;
mod byline;
mod dateline;
mod photo;
use agencies::{agency_at, credit_keyword, name_particle};
pub use agencies::{agency_in, agency_only, month_first_agency};
pub use byline::{byline, Byline};
pub use dateline::{dateline, dateline_agency, is_dateline_only, Dateline};
pub use photo::{credit_line, split_credit, Credit};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_table() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "Iraqi FM in Baghdad, Iraq, Tuesday, Feb. 6, 2024. (AP)",
                Some(("Iraqi FM in Baghdad, Iraq, Tuesday, Feb. 6, 2024.", "AP")),
            ),
            (
                "Migrants in Tunis on February 2, 2025. Fethi Beland, AFP",
                Some(("Migrants in Tunis on February 2, 2025.", "Fethi Beland/AFP")),
            ),
            (
                "Smoke rises over Gaza. (AP Photo/Hatem Moussa)",
                Some(("Smoke rises over Gaza.", "Hatem Moussa/AP")),
            ),
            (
                "Smoke rises over Gaza. Reuters",
                Some(("Smoke rises over Gaza.", "Reuters")),
            ),
            (
                "Smoke rises over Gaza - REUTERS/Mohammed Salem",
                Some(("Smoke rises over Gaza", "Mohammed Salem/Reuters")),
            ),
            (
                "A view of Khartoum, AFP",
                Some(("A view of Khartoum", "AFP")),
            ),
            (
                "Protesters in Beirut. Ahmad al-Rubaye/AFP via Getty Images",
                Some(("Protesters in Beirut.", "Ahmad al-Rubaye/AFP/Getty Images")),
            ),
            (
                "Delegates meet in Riyadh (SPA)",
                Some(("Delegates meet in Riyadh", "SPA")),
            ),
            (
                "The summit in Doha. (Asharq Al-Awsat)",
                Some(("The summit in Doha.", "Asharq Al-Awsat")),
            ),
            (
                "وزير الخارجية العراقي في بغداد (أ ف ب)",
                Some(("وزير الخارجية العراقي في بغداد", "AFP")),
            ),
            (
                "The talks resumed. Photo: John Smith",
                Some(("The talks resumed.", "John Smith")),
            ),
            ("A general view of Baghdad, Iraq", None),
            ("The official spoke to Reuters.", None),
            (
                "He said the number was significant, a senior official told Reuters on Saturday.",
                None,
            ),
            ("Talks in Baghdad, Iraq, Tuesday, Feb. 6, 2024", None),
            ("the minister (left) and his counterpart", None),
            ("", None),
        ];
        for (caption, expected) in cases {
            let got = split_credit(caption, false).map(|(text, credit)| (text, credit.display()));
            let expected = expected.map(|(t, c)| (t.to_string(), c.to_string()));
            assert_eq!(got, expected, "split_credit({caption:?})");
        }
    }

    #[test]
    fn lenient_credit() {
        let (text, credit) = split_credit("Migrants sit in Tunis AFP", true).unwrap();
        assert_eq!(
            (text.as_str(), credit.display().as_str()),
            ("Migrants sit in Tunis", "AFP")
        );
        assert_eq!(split_credit("Migrants sit in Tunis AFP", false), None);
        assert_eq!(split_credit("AFP", true), None);
    }

    #[test]
    fn datelines() {
        let cases = [
            ("BAGHDAD (Reuters) - Iraq's prime minister said", Some("Reuters")),
            ("CAIRO, Feb 6 (Reuters) - Egypt said", Some("Reuters")),
            ("BEIRUT (AP) — Lebanon's caretaker", Some("AP")),
            ("Baghdad- Asharq Al-Awsat", Some("Asharq Al-Awsat")),
            ("Asharq Al-Awsat", Some("Asharq Al-Awsat")),
            ("Reuters reported", None),
            ("Tunisian authorities have dismantled camps, a senior official told Reuters on Saturday.", None),
            ("Talks between the two countries began in January - Reuters reported", None),
        ];
        for (paragraph, expected) in cases {
            assert_eq!(
                dateline_agency(paragraph),
                expected,
                "dateline_agency({paragraph:?})"
            );
        }
        assert!(is_dateline_only("Baghdad- Asharq Al-Awsat"));
        assert!(!is_dateline_only(
            "BAGHDAD (Reuters) - Iraq's prime minister said on Tuesday that talks would resume."
        ));
    }

    #[test]
    fn dateline_shapes() {
        // (paragraph, place, agency, (month, day, year), whole)
        type Want = (
            Option<&'static str>,
            Option<&'static str>,
            Option<(u32, u32, Option<i32>)>,
            bool,
        );
        let cases: &[(&str, Want)] = &[
            (
                "BEIRUT, June 4 (Reuters) - Lebanon's central bank said",
                (Some("BEIRUT"), Some("Reuters"), Some((6, 4, None)), false),
            ),
            (
                "AMMAN, Jordan (AP) — Jordan's king said",
                (Some("AMMAN, Jordan"), Some("AP"), None, false),
            ),
            (
                "Algiers (AFP) - Algeria's president",
                (Some("Algiers"), Some("AFP"), None, false),
            ),
            (
                "ISTANBUL, TÜRKİYE - JUNE 4: Türkiye and Iraq agreed",
                (Some("ISTANBUL, TÜRKİYE"), None, Some((6, 4, None)), false),
            ),
            (
                "ABU DHABI, 4th June, 2024 (WAM) -- The UAE and Oman",
                (
                    Some("ABU DHABI"),
                    Some("WAM"),
                    Some((6, 4, Some(2024))),
                    false,
                ),
            ),
            (
                "Riyadh, June 04, SPA -- The ministry said",
                (Some("Riyadh"), Some("SPA"), Some((6, 4, None)), false),
            ),
            (
                "Doha, June 04 (QNA) - Qatar and Kuwait",
                (Some("Doha"), Some("QNA"), Some((6, 4, None)), false),
            ),
            (
                "CAIRO, June 4 (MENA) - Egypt's cabinet",
                (Some("CAIRO"), Some("MENA"), Some((6, 4, None)), false),
            ),
            (
                "ANKARA (AA) - Turkish officials",
                (Some("ANKARA"), Some("Anadolu"), None, false),
            ),
            (
                "June 4 (Reuters) - Oil prices rose",
                (None, Some("Reuters"), Some((6, 4, None)), false),
            ),
            (
                "Baghdad- Asharq Al-Awsat",
                (Some("Baghdad"), Some("Asharq Al-Awsat"), None, true),
            ),
            (
                "الرباط - 9 يونيو 2024 - أعلنت وزارة التجهيز",
                (Some("الرباط"), None, Some((6, 9, Some(2024))), false),
            ),
            (
                "الرباط - 9 يونيو 2024",
                (Some("الرباط"), None, Some((6, 9, Some(2024))), true),
            ),
            (
                "بيروت (رويترز) - قال مسؤولون",
                (Some("بيروت"), Some("Reuters"), None, false),
            ),
            (
                "الرباط ٤ يونيو حزيران (رويترز) - قالت الحكومة",
                (Some("الرباط"), Some("Reuters"), Some((6, 4, None)), false),
            ),
            (
                "الرياض ٢٧ ذو القعدة ١٤٤٥ هـ الموافق ٠٤ يونيو ٢٠٢٤ م (واس) - أطلقت وزارة الصحة",
                (Some("الرياض"), Some("SPA"), Some((6, 4, Some(2024))), false),
            ),
            (
                "الرياض 27 ذو القعدة 1445 هـ الموافق 04 يونيو 2024 م واس أطلقت وزارة الصحة حملة",
                (Some("الرياض"), Some("SPA"), Some((6, 4, Some(2024))), false),
            ),
        ];
        for (paragraph, (place, agency, date, whole)) in cases {
            let d = dateline(paragraph).unwrap_or_else(|| panic!("no dateline in {paragraph:?}"));
            assert_eq!(d.place, *place, "place of {paragraph:?}");
            assert_eq!(d.agency, *agency, "agency of {paragraph:?}");
            assert_eq!(
                d.date.map(|m| (m.month, m.day, m.year)),
                *date,
                "date of {paragraph:?}"
            );
            assert_eq!(d.whole, *whole, "whole {paragraph:?}");
            assert!(paragraph.starts_with(d.text));
        }
        for paragraph in [
            "Iraq's prime minister said on Feb. 6, 2024 that talks with Reuters would go on.",
            "The government said - in a statement - that talks would resume.",
            "Talks between the two countries began in January - Reuters reported",
            "وقالت الحكومة في بيان يوم الثلاثاء إن المحادثات ستستأنف الأسبوع المقبل مع رويترز",
        ] {
            let d = dateline(paragraph);
            assert!(
                d.as_ref()
                    .is_none_or(|d| d.agency.is_none() && d.date.is_none()),
                "{paragraph:?}: {d:?}"
            );
        }
    }

    /// A byline and what it reads: the author and, when it names one, the agency.
    type BylineCase<'a> = (&'a str, Option<(&'a str, Option<&'a str>)>);

    #[test]
    fn bylines() {
        let cases: &[BylineCase] = &[
            ("By Jane Doe", Some(("Jane Doe", None))),
            ("By JANE DOE", Some(("Jane Doe", None))),
            (
                "BY LAYLA MANSOUR AND OMAR AL-HADDAD",
                Some(("Layla Mansour and Omar Al-Haddad", None)),
            ),
            (
                "By Jane Doe and John Roe",
                Some(("Jane Doe and John Roe", None)),
            ),
            (
                "By Jane Doe, John Roe and Sam Poe",
                Some(("Jane Doe, John Roe and Sam Poe", None)),
            ),
            (
                "By LAYLA MANSOUR Associated Press",
                Some(("Layla Mansour", Some("AP"))),
            ),
            (
                "By Jane Doe, Associated Press",
                Some(("Jane Doe", Some("AP"))),
            ),
            ("By Jane Doe | Reuters", Some(("Jane Doe", Some("Reuters")))),
            ("By Jane Doe in Beirut", Some(("Jane Doe", None))),
            ("By Ahmad al-Rubaye", Some(("Ahmad al-Rubaye", None))),
            ("كتب: يوسف الإدريسي", Some(("يوسف الإدريسي", None))),
            ("كتبت - سلمى بناني", Some(("سلمى بناني", None))),
            ("بقلم: محمد العلوي - الرباط", Some(("محمد العلوي", None))),
            ("By Tuesday, the talks had stalled.", None),
            ("By the time the talks ended, nothing was agreed.", None),
            ("By June 2024 the fund was empty", None),
            ("Bystanders gathered", None),
            (
                "كتب الوزير في رسالة إلى البرلمان يوم 4 يونيو أن المحادثات ستستأنف",
                None,
            ),
        ];
        for (line, want) in cases {
            let got = byline(line).map(|b| (b.author, b.agency));
            let want = want.map(|(a, g)| (a.to_string(), g));
            assert_eq!(got, want, "byline({line:?})");
        }
    }

    #[test]
    fn more_credits() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("Displaced families wait near El Fasher on June 2, 2024 [File: Hamid Osman/AFP]", Some(("Displaced families wait near El Fasher on June 2, 2024", "Hamid Osman/AFP"))),
            ("Olive trees near Meknes. Photo: Youssef Amrani / AFP", Some(("Olive trees near Meknes.", "Youssef Amrani/AFP"))),
            ("FILE PHOTO: A man walks past the bank in Beirut, March 12, 2023. REUTERS/Mohamed Azakir/File Photo", Some(("FILE PHOTO: A man walks past the bank in Beirut, March 12, 2023.", "Mohamed Azakir/Reuters"))),
            ("Ministers meet in Istanbul. (Photo by Emre Demir/Anadolu via Getty Images)", Some(("Ministers meet in Istanbul.", "Emre Demir/Anadolu/Getty Images"))),
            ("مزارع يتفقد حقل قمح قرب مكناس (رويترز)", Some(("مزارع يتفقد حقل قمح قرب مكناس", "Reuters"))),
            ("وزير الصحة خلال المؤتمر (واس)", Some(("وزير الصحة خلال المؤتمر", "SPA"))),
        ];
        for (caption, expected) in cases {
            let got = split_credit(caption, false).map(|(text, credit)| (text, credit.display()));
            let expected = expected.map(|(t, c)| (t.to_string(), c.to_string()));
            assert_eq!(got, expected, "split_credit({caption:?})");
        }
        let lines = [
            ("Emre Demir - Anadolu Agency", Some("Emre Demir/Anadolu")),
            ("Hamid Osman / AFP", Some("Hamid Osman/AFP")),
            ("REUTERS/Mohamed Azakir", Some("Mohamed Azakir/Reuters")),
            ("(AP Photo/Omar Haddad)", Some("Omar Haddad/AP")),
            ("Photo: Youssef Amrani / AFP", Some("Youssef Amrani/AFP")),
            ("Image source, Getty Images", Some("Getty Images")),
            ("AFP", Some("AFP")),
            ("Talks resume in Doha", None),
        ];
        for (line, want) in lines {
            assert_eq!(
                credit_line(line).map(|c| c.display()).as_deref(),
                want,
                "credit_line({line:?})"
            );
        }
    }
}
