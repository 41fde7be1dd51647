//! Commands about the app itself: what the UI needs to start, and closing the window.

use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::i18n::{catalogue, Catalogue};
use crate::shell::error::IpcError;
use crate::shell::state::AppState;
use crate::vocab::{
    check_in_days, AddressForm, FeedbackAsk, HeardBy, InterviewFormat, Lang, MailKind, MessageKind, Outcome, StepKind,
};

/// Everything the UI needs before it draws its first screen, in one round trip.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bootstrap {
    /// The language to speak: `fr` or `en`.
    pub lang: Lang,
    /// That language's strings.
    pub strings: &'static Catalogue,
    /// A message to show once, already in `lang`.
    pub notice: Option<String>,
    /// Where the data lives, for the settings view.
    pub data_dir: String,
    /// The probation presets offered for the check-in delay.
    pub probation: &'static [crate::plan::probation::Preset],
    /// The keep-in-touch cadences offered, in months.
    pub keep_in_touch_months: &'static [u32],
    /// The app's fixed lists, so that no view keeps a copy of its own.
    pub vocabulary: Vocabulary,
}

/// The choices each form offers, in order, as the words the commands accept ([`crate::vocab`]).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    pub langs: &'static [Lang],
    pub outcomes: &'static [Outcome],
    pub heard_by: &'static [HeardBy],
    pub feedback_asks: &'static [FeedbackAsk],
    pub interview_formats: &'static [InterviewFormat],
    pub address_forms: &'static [AddressForm],
    pub message_kinds: &'static [MessageKind],
    pub step_kinds: &'static [StepKind],
    /// The check-in delay's bounds and default, in days.
    pub check_in_days: CheckInDays,
    /// What an employer's e-mail can be read as, in the order the reading's form offers them.
    pub mail_kinds: &'static [MailKind],
    /// The largest e-mail read, in bytes: the window never reads more of a dropped file than one byte over it.
    pub mail_max_bytes: usize,
}

#[derive(Serialize)]
pub struct CheckInDays {
    pub min: u32,
    pub max: u32,
    pub default: u32,
}

impl Vocabulary {
    pub const ALL: Vocabulary = Vocabulary {
        langs: Lang::ALL,
        outcomes: Outcome::ALL,
        heard_by: HeardBy::ALL,
        feedback_asks: FeedbackAsk::ALL,
        interview_formats: InterviewFormat::ALL,
        address_forms: AddressForm::ALL,
        message_kinds: MessageKind::ALL,
        step_kinds: StepKind::ALL,
        check_in_days: CheckInDays {
            min: check_in_days::MIN,
            max: check_in_days::MAX,
            default: check_in_days::DEFAULT,
        },
        mail_kinds: MailKind::ALL,
        mail_max_bytes: crate::mail::MAX_BYTES,
    };
}

/// Language, strings and start-up notice. The window shows the notice it receives: a recovery's notice, kept in
/// the data folder until then, is now seen (and the tray's line for it goes).
#[tauri::command(async)]
pub fn get_bootstrap(state: State<'_, AppState>) -> Bootstrap {
    let lang = state.lang();
    if state.recovery_shown() {
        state.wake.ring();
    }
    Bootstrap {
        lang,
        strings: catalogue(lang),
        notice: (!state.notices.is_empty()).then(|| {
            let texts: Vec<String> = state.notices.iter().map(|n| crate::i18n::t(lang, n.key, &n.args)).collect();
            texts.join("\n")
        }),
        data_dir: state.data_dir.display().to_string(),
        probation: crate::plan::probation::PRESETS,
        keep_in_touch_months: crate::people::SUGGESTED_MONTHS,
        vocabulary: Vocabulary::ALL,
    }
}

/// Closes the window the call came from (Ctrl+W).
#[tauri::command]
pub fn close_window<R: Runtime>(state: State<'_, AppState>, window: WebviewWindow<R>) -> Result<(), IpcError> {
    window.close().map_err(|e| IpcError::internal(e, state.lang()))
}
