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
