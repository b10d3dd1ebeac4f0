//! What JSON-LD (`NewsArticle`, `Article`… alone, in a list or in an `@graph`) says of the
//! article.

use super::*;

/// What JSON-LD says of the article.
#[derive(Debug, Default)]
pub(super) struct LinkedData {
    pub(super) headline: Option<String>,
    pub(super) published: Option<String>,
    /// People named as authors (organisations are left out: they are the publisher or
    /// an agency, and an agency is the source).
    pub(super) authors: Vec<String>,
    /// An organisation named as the author (an agency).
    pub(super) image: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) url: Option<String>,
    pub(super) lang: Option<String>,
}

/// The schema.org types of an article.
pub(super) fn article_type(value: &Value) -> bool {
    let is_article = |t: &str| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        t.ends_with("NewsArticle")
            || matches!(
                t,
                "Article" | "BlogPosting" | "Report" | "LiveBlogPosting" | "SocialMediaPosting"
            )
    };
    match value.get("@type") {
        Some(Value::String(t)) => is_article(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

pub(super) fn type_is(value: &Value, name: &str) -> bool {
    match value.get("@type") {
        Some(Value::String(t)) => t.rsplit(['/', ':']).next() == Some(name),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .any(|t| t.rsplit(['/', ':']).next() == Some(name)),
        _ => false,
    }
}

impl LinkedData {
    pub(super) fn read(doc: &Html) -> LinkedData {
        let mut objects: Vec<Value> = Vec::new();
        for script in doc.select(&selector("script[type]")) {
            let kind = script.value().attr("type").unwrap_or_default();
            if !kind.trim().eq_ignore_ascii_case("application/ld+json") {
                continue;
            }
            let raw: String = script.text().collect();
            let raw = raw
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim()
                .trim_start_matches("//<![CDATA[")
                .trim_end_matches("//]]>")
                .trim();
            let Ok(value) = serde_json::from_str::<Value>(raw) else {
                continue;
            };
            // Every object, through arrays and @graph, without recursion.
            let mut stack = vec![value];
            while let Some(v) = stack.pop() {
                match v {
                    Value::Array(items) => stack.extend(items.into_iter().rev()),
                    Value::Object(mut map) => {
                        if let Some(graph) = map.remove("@graph") {
                            stack.push(graph);
                        }
                        objects.push(Value::Object(map));
                    }
                    _ => {}
                }
            }
        }
        let by_id: HashMap<String, &Value> = objects
            .iter()
            .filter_map(|o| {
                o.get("@id")
                    .and_then(Value::as_str)
                    .map(|id| (id.to_string(), o))
            })
            .collect();
        // A reference ({"@id": "#org"}) is the object it names.
        let deref = |v: &'_ Value| -> Value {
            match v.get("@id").and_then(Value::as_str) {
                Some(id) if v.as_object().is_some_and(|m| m.len() == 1) => by_id
                    .get(id)
                    .map(|o| (*o).clone())
                    .unwrap_or_else(|| v.clone()),
                _ => v.clone(),
            }
        };
        let Some(article) = objects.iter().find(|o| article_type(o)) else {
            return LinkedData::default();
        };
        let string = |v: Option<&Value>| -> Option<String> {
            match v? {
                Value::String(s) => Some(plain_text(s)).filter(|s| !s.is_empty()),
                Value::Array(items) => items.iter().find_map(|i| i.as_str().map(plain_text)),
                _ => None,
            }
        };
        let list = |v: Option<&Value>| -> Vec<Value> {
            match v {
                Some(Value::Array(items)) => items.iter().map(&deref).collect(),
                Some(other) => vec![deref(other)],
                None => vec![],
            }
        };
        let mut authors = Vec::new();
        for a in list(article.get("author").or_else(|| article.get("creator"))) {
            let name = match &a {
                Value::String(s) => Some(plain_text(s)),
                Value::Object(_)
                    if type_is(&a, "Organization")
                        && credit::dateline_agency(&string(a.get("name")).unwrap_or_default())
                            .is_none() =>
                {
                    None
                }
                Value::Object(_) => string(a.get("name")),
                _ => None,
            };
            if let Some(name) = name.filter(|n| !n.is_empty() && !n.contains("://")) {
                if !authors.contains(&name) {
                    authors.push(name);
                }
            }
        }
        let image = list(article.get("image"))
            .into_iter()
            .find_map(|i| match i {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(_) => string(i.get("url").or_else(|| i.get("contentUrl"))),
                _ => None,
            })
            .filter(|s| !s.is_empty());
        let publisher = list(article.get("publisher"))
            .into_iter()
            .find_map(|p| match p {
                Value::String(s) => Some(plain_text(&s)),
                Value::Object(_) => string(p.get("name")),
                _ => None,
            })
            .filter(|s| !s.is_empty());
        let url = string(article.get("url")).or_else(|| {
            list(article.get("mainEntityOfPage"))
                .into_iter()
                .find_map(|m| match m {
                    Value::String(s) => Some(s),
                    Value::Object(_) => string(m.get("@id").or_else(|| m.get("url"))),
                    _ => None,
                })
        });
        LinkedData {
            headline: string(article.get("headline")).or_else(|| string(article.get("name"))),
            published: string(article.get("datePublished"))
                .or_else(|| string(article.get("dateCreated"))),
            authors,
            image,
            publisher,
            url,
            lang: string(article.get("inLanguage")),
        }
    }
}
