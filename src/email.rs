//! `gazette email [EDITION|latest]`: one digest edition as an RFC 5322 message
//! (multipart/alternative: the plain text, then the HTML; UTF-8, quoted-printable or
//! base64 as mail-builder sees fit) on standard output, ready for `sendmail -t`, `msmtp`
//! or a mail service's upload. The two parts are exactly the `email.txt` and
//! `email.html` the build writes beside the edition (render/email.rs), from the `Site`
//! every command loads.

use crate::content::LoadOptions;
use crate::progress::Timings;
use crate::render::email;
use crate::site::{load_config, Site};
use anyhow::{anyhow, bail, Context as _, Result};
use chrono::{DateTime, FixedOffset};
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;
use mail_builder::MessageBuilder;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct EmailOptions {
    pub root: PathBuf,
    /// An edition key (`2024-w06`, `2024-02-06`) or `latest`.
    pub edition: String,
    pub to: Option<String>,
    pub from: Option<String>,
    pub base_url: Option<String>,
    /// The clock: which articles are published, and the message's `Date`.
    pub now: Option<DateTime<FixedOffset>>,
}

/// What was written, for the caller's summary on stderr.
#[derive(Debug, Clone)]
pub struct EmailMessage {
    pub edition: String,
    pub subject: String,
    pub bytes: Vec<u8>,
    pub html_size: usize,
}

/// `Jane Doe <jane@example.org>` → ("Jane Doe", "jane@example.org"); a bare address has
/// no name.
fn address(text: &str) -> Result<Address<'static>> {
    let text = text.trim();
    if text.contains(['\r', '\n']) || !text.contains('@') {
        bail!("{text:?} is not an email address");
    }
    Ok(match (text.rfind('<'), text.ends_with('>')) {
        (Some(open), true) => {
            let name = text[..open].trim().trim_matches('"').to_string();
            let email = text[open + 1..text.len() - 1].trim().to_string();
            if name.is_empty() {
                Address::from(email)
            } else {
                Address::from((name, email))
            }
        }
        _ => Address::from(text.to_string()),
    })
}

/// Render the edition and wrap it in a message.
pub fn run(options: &EmailOptions) -> Result<EmailMessage> {
    let config = load_config(&options.root, options.base_url.as_deref())?;
    let now = options.now.unwrap_or_else(|| config.now());
    let from = options
        .from
        .as_deref()
        .or(config.newsletter.from.as_deref())
        .ok_or_else(|| anyhow!("no sender: give --from or site.yaml newsletter.from"))?;
    let to = options
        .to
        .as_deref()
        .or(config.newsletter.to.as_deref())
        .ok_or_else(|| anyhow!("no recipient: give --to or site.yaml newsletter.to"))?;
    let (from, to) = (
        address(from).context("--from")?,
        address(to).context("--to")?,
    );

    let published = LoadOptions {
        drafts: false,
        future: false,
        now,
    };
    // The root edition's digest: the default language's articles (issue 16).
    let site = Site::load_with(
        config,
        published,
        &mut Timings::default(),
        |config, _, articles, _| Ok(crate::render::languages::split(config, articles).0),
    )?;
    let (config, index) = (&site.config, &site.index);
    let context = site.render_context()?;
    if !email::theme_has_email(&context) {
        bail!(
            "theme \"{}\" has no {} and {} templates",
            config.theme,
            email::HTML_TEMPLATE,
            email::TEXT_TEMPLATE
        );
    }
    let all = &index.editions;
    let edition = match options.edition.as_str() {
        "latest" => all
            .first()
            .ok_or_else(|| anyhow!("the site has no edition yet (no published article)"))?,
        key => all.iter().find(|e| e.key == key).ok_or_else(|| {
            let keys: Vec<&str> = all.iter().take(5).map(|e| e.key.as_str()).collect();
            anyhow!(
                "no edition {key:?} (the newest are: {}; or use `latest`)",
                keys.join(", ")
            )
        })?,
    };
    let rendered = email::edition_email(&context, edition)?;
    let host = config
        .base_url
        .as_str()
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or("gazette.invalid")
        .to_string();
    let mut message = MessageBuilder::new()
        .from(from)
        .to(to)
        .subject(rendered.subject.clone())
        .date(now.timestamp())
        .message_id(format!(
            "digest-{}.{}@{host}",
            rendered.key,
            now.timestamp()
        ))
        .header(
            "List-Id",
            Raw::new(format!(
                "\"{}\" <digest.{host}>",
                config.title.replace('"', "")
            )),
        );
    if let Some(reply_to) = &config.newsletter.reply_to {
        message = message.reply_to(address(reply_to).context("newsletter.reply_to")?);
    }
    if let Some(unsubscribe) = &config.newsletter.unsubscribe {
        message = message.header("List-Unsubscribe", Raw::new(format!("<{unsubscribe}>")));
        if unsubscribe.starts_with("https://") {
            // RFC 8058: mail clients may offer a one-click unsubscribe (POST) for https.
            message = message.header(
                "List-Unsubscribe-Post",
                Raw::new("List-Unsubscribe=One-Click"),
            );
        }
    }
    let html_size = rendered.html.len();
    let bytes = message
        .text_body(rendered.text)
        .html_body(rendered.html)
        .write_to_vec()
        .context("cannot write the message")?;
    Ok(EmailMessage {
        edition: rendered.key,
        subject: rendered.subject,
        bytes,
        html_size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert!(address("Jane Doe <jane@example.org>").is_ok());
        assert!(address("jane@example.org").is_ok());
        assert!(address("not an address").is_err());
        assert!(address("a@b\r\nBcc: x@y").is_err());
    }
}
