//! A stand-in for the customer's phone: what a browser does with a payment link. It opens
//! the hosted page, presses Pay or Decline, and follows the auto-submitting form back to the
//! counter's return URL, form-encoded as a browser sends it. Tests of the core and of the
//! desktop app both use it, over real HTTP.

/// What went wrong on the customer's side.
#[derive(Debug, thiserror::Error)]
pub enum CustomerError {
    /// A request failed.
    #[error(transparent)]
    Http(#[from] reqwest::Error),
    /// The payment page did not open, or offered no Pay and Decline.
    #[error("the payment page did not open: {0}")]
    NoPage(String),
    /// The answer to Pay or Decline had no form back to the shop.
    #[error("no form back to the shop in: {0}")]
    NoForm(String),
}

/// Open `payment_complete_url`, press Pay (`pay`) or Decline, and post the result to the
/// return URL. Returns the return endpoint's status and page: what the customer sees.
pub async fn checkout(payment_complete_url: &str, pay: bool) -> Result<(u16, String), CustomerError> {
    let (action, response) = press(payment_complete_url, pay).await?;
    post_back(&action, &response).await
}

/// Post `response` to the return URL `action` as a browser's form does; returns the status
/// and the page (also what anyone who learned the URL can do).
pub async fn post_back(action: &str, response: &str) -> Result<(u16, String), CustomerError> {
    let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", response).finish();
    let back = reqwest::Client::new().post(action).header("content-type", "application/x-www-form-urlencoded").body(body).send().await?;
    let status = back.status().as_u16();
    Ok((status, back.text().await?))
}

/// Open `payment_complete_url` and press Pay (`pay`) or Decline, without going back yet:
/// returns the return URL and the `response` the page would post there.
pub async fn press(payment_complete_url: &str, pay: bool) -> Result<(String, String), CustomerError> {
    let http = reqwest::Client::new();
    let page = http.get(payment_complete_url).send().await?;
    let status = page.status();
    let html = page.text().await?;
    if !(status.is_success() && html.contains("klarna-pay") && html.contains("klarna-decline")) {
        return Err(CustomerError::NoPage(format!("{status}: {html}")));
    }
    let button = if pay { "pay" } else { "decline" };
    let html = http.post(format!("{payment_complete_url}/{button}")).send().await?.text().await?;
    auto_form(&html).ok_or_else(|| CustomerError::NoForm(html.clone()))
}

/// The `action` and `response` value of the hosted page's auto-submitting form.
fn auto_form(html: &str) -> Option<(String, String)> {
    let value_after = |from: &str, name: &str| -> Option<String> {
        let start = from.find(&format!("{name}=\""))? + name.len() + 2;
        let end = start + from[start..].find('"')?;
        Some(html_escape::decode_html_entities(&from[start..end]).into_owned())
    };
    let action = value_after(html, "action")?;
    let response = value_after(&html[html.find("name=response")?..], "value")?;
    Some((action, response))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_auto_submitting_form() {
        let html = r#"<form method=post action="http://x/klarna/return/t?a=1&amp;b=2"><input type=hidden name=response value="{&quot;number&quot;:&quot;1&quot;}"></form>"#;
        assert_eq!(super::auto_form(html), Some(("http://x/klarna/return/t?a=1&b=2".into(), r#"{"number":"1"}"#.into())));
        assert_eq!(super::auto_form("<p>no form</p>"), None);
    }
}
