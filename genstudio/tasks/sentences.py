"""What the task layer says about a task, in words a creator reads (translatable).

Functions, not constants: the words are looked up when said, after the app has
installed its translator.
"""

from __future__ import annotations

from genstudio.i18n import translate


def closed_while_sending() -> str:
    return translate(
        "Messages",
        "GenStudio closed while this request was being sent, so "
        "the provider may or may not have started it.",
    )


def stopped_watching() -> str:
    return translate(
        "Messages",
        "You stopped watching this task; it may still run at the provider.",
    )


def dismissed() -> str:
    return translate("Messages", "Dismissed: it was never confirmed by the provider.")


def not_sent(user_message: str) -> str:
    return translate("Messages", "Not sent: {user_message}").format(user_message=user_message)


def closed_before_sending() -> str:
    return translate(
        "Messages",
        "Not sent: GenStudio was closing before this job went out. Nothing was started or "
        "charged; use Retry to send it.",
    )


def send_later(busy: bool) -> str:
    """A job that created nothing and goes out again by itself: the provider said to
    slow down (``busy``, HTTP 429) or could not be reached."""
    if busy:
        return translate(
            "Messages",
            "Not sent yet: the provider asks to slow down (too many requests). Nothing was "
            "started; GenStudio sends it again by itself in a moment.",
        )
    return translate(
        "Messages",
        "Not sent yet: the provider could not be reached. Nothing was started; GenStudio "
        "sends it again by itself once it answers.",
    )


def not_sent_after_waiting(busy: bool, minutes: int) -> str:
    if busy:
        text = translate(
            "Messages",
            "Not sent: the provider kept asking to slow down for {minutes} min. Nothing was "
            "started or charged; use Retry to send it.",
        )
    else:
        text = translate(
            "Messages",
            "Not sent: the provider could not be reached for {minutes} min. Nothing was "
            "started or charged; use Retry to send it.",
        )
    return text.format(minutes=minutes)


def provider_removed(profile: str) -> str:
    return translate(
        "Messages",
        "The provider “{profile}” was removed. Add it again under the same name (Settings or "
        "Add provider) to keep watching this task.",
    ).format(profile=profile)


def unreachable(user_message: str) -> str:
    return translate(
        "Messages",
        "Can't reach the provider; GenStudio keeps trying. ({user_message})",
    ).format(user_message=user_message)


def no_reason_given() -> str:
    return translate("Messages", "The provider gave no reason.")


def no_output() -> str:
    return translate(
        "Messages",
        "The provider reported success but sent no output; a content filter may have removed it.",
    )


def timed_out() -> str:
    return translate(
        "Messages",
        "GenStudio stopped checking after the time limit; the task may "
        "still finish. Use “Check now” to look again.",
    )


def unknown_next_step() -> str:
    return translate(
        "Messages",
        "If your provider's site lists this job, paste its ID to keep it (“Paste its ID…”); "
        "Submit again may charge twice.",
    )
