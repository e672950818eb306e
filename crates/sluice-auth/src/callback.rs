//! Parsing of callback URLs, which arrive from outside (any program can open a link):
//! everything is checked and bounded before a state is even looked up.

use url::Url;

use crate::CallbackError;

/// Longest callback accepted, in bytes.
pub const MAX_CALLBACK_LEN: usize = 4096;
/// Longest single parameter value.
pub const MAX_PARAM_LEN: usize = 2048;
/// Most parameters a callback may carry.
const MAX_PARAMS: usize = 16;

/// The parts of a callback that matter, once it has passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    /// The redirect it was sent to (scheme, host, port and path; no query).
    pub target: String,
    pub state: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Code(String),
    /// `error=` from the provider, with its description (sanitised, shortened).
    Denied {
        error: String,
        description: Option<String>,
    },
}

/// The redirect part of a URL: scheme, authority and path, without query or fragment.
pub fn target_of(url: &Url) -> String {
    let mut t = url.clone();
    t.set_query(None);
    t.set_fragment(None);
    t.to_string()
}

/// Parses `raw` and checks it is aimed at one of `targets` (redirect URIs, compared
/// exactly on scheme, host, port and path).
pub fn parse(raw: &str, targets: &[String]) -> Result<Callback, CallbackError> {
    if raw.len() > MAX_CALLBACK_LEN {
        return Err(CallbackError::TooLong {
            len: raw.len(),
            max: MAX_CALLBACK_LEN,
        });
    }
    if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(CallbackError::Malformed(
            "control or space characters".into(),
        ));
    }
    let url = Url::parse(raw).map_err(|e| CallbackError::Malformed(e.to_string()))?;
    if url.fragment().is_some() {
        return Err(CallbackError::Malformed(
            "a fragment is not expected".into(),
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(CallbackError::UnexpectedTarget(
            "credentials in the link".into(),
        ));
    }
    let target = target_of(&url);
    if !targets.contains(&target) {
        return Err(CallbackError::UnexpectedTarget(shorten(&target, 120)));
    }
    let mut state = None;
    let mut code = None;
    let mut error = None;
    let mut description = None;
    for (n, (name, value)) in url.query_pairs().enumerate() {
        if n >= MAX_PARAMS {
            return Err(CallbackError::Malformed("too many parameters".into()));
        }
        let slot = match name.as_ref() {
            "state" => &mut state,
            "code" => &mut code,
            "error" => &mut error,
            "error_description" => &mut description,
            // Providers add their own (iss, session_state, scope): ignored.
            _ => continue,
        };
        if slot.is_some() {
            return Err(CallbackError::DuplicateParameter(name.into_owned()));
        }
        if value.len() > MAX_PARAM_LEN {
            return Err(CallbackError::ParameterTooLong(name.into_owned()));
        }
        if value.chars().any(char::is_control) {
            return Err(CallbackError::BadCharacters(name.into_owned()));
        }
        *slot = Some(value.into_owned());
    }
    let state = state
        .filter(|s| !s.is_empty())
        .ok_or(CallbackError::MissingState)?;
    if !state
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(CallbackError::BadCharacters("state".into()));
    }
    let outcome = match (error, code) {
        (Some(error), _) => Outcome::Denied {
            error: shorten(&error, 64),
            description: description.map(|d| shorten(&d, 200)),
        },
        (None, Some(code)) if !code.is_empty() => Outcome::Code(code),
        _ => return Err(CallbackError::MissingCode),
    };
    Ok(Callback {
        target,
        state,
        outcome,
    })
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}
