"""Asking for a provider's API key: one focused dialog, and the banner that offers it.

A key can be missing (no keyring on this computer, keyring locked, entry deleted) or
refused by the provider. Either way nothing turns red and no job is lost: jobs wait
(the task service parks them) and go out or continue once a key is entered here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from genstudio.settings.key_store import KeyStoreError, KeyVault

if TYPE_CHECKING:
    from genstudio.settings.preferences import Preferences, Profile
    from genstudio.tasks.events import KeyProblem
    from genstudio.tasks.service import TaskService
    from genstudio.ui.banner import Banner


class KeyPrompt(QObject):
    """Decides when to offer the key: at start, on a problem, before Generate."""

    key_saved = Signal(str)  # the provider's name: what its key may use is asked again
    models_learned = Signal(str, str, object)  # relayed from the dialog's Test

    def __init__(
        self,
        service: Callable[[], TaskService],
        prefs: Preferences,
        vault: KeyVault,
        banner: Banner,
        say: Callable[[str], None],
        parent: QWidget,
        *,
        held: bool = False,
    ) -> None:
        """``held``: :meth:`check_profile` reads nothing until :meth:`check_off_thread`
        (the window's first paint does not wait for the keyring)."""
        super().__init__(parent)
        self.held = held
        self._service = service
        self._prefs = prefs
        self._vault = vault
        self._banner = banner
        self._say = say  # the status bar
        self._window = parent
        self.banner_profile: str | None = None  # the profile the banner speaks of
        self._asking = False

    # -- the banner ------------------------------------------------------------------------

    def check_profile(self, name: str | None) -> None:
        """On switching (and at start, once not held): a profile with no key gets the
        banner."""
        if self.held:
            return  # check_off_thread comes after the window's first paint
        profile = self._profile_to_check(name)
        if profile is not None:
            self._show_key_state(profile, bool(self._vault.get(profile.name)))

    async def check_off_thread(self, name: str | None) -> None:
        """The same check with the keyring read on a worker thread: at start the first
        read finds the keyring's backend, which can take a while (D-Bus, a locked
        keyring), and the window must not freeze meanwhile."""
        import asyncio  # not with the window: it paints before asyncio loads

        self.held = False
        profile = self._profile_to_check(name)
        if profile is None:
            return
        key = await asyncio.to_thread(self._vault.get, profile.name)
        if self._prefs.current_profile == profile.name:  # else the new one was checked
            self._show_key_state(profile, bool(key))

    def _profile_to_check(self, name: str | None) -> Profile | None:
        profile = self._prefs.profile(name)
        if profile is None or profile.demo:
            self._hide_banner()
            return None
        return profile

    def _show_key_state(self, profile: Profile, has_key: bool) -> None:
        if self._service().profile_blocked(profile.name):
            return  # the banner already says so
        if has_key:
            self._hide_banner()
            return
        self._offer(profile.name, self._missing_words(profile.name), "info")

    def key_problem(self, problem: KeyProblem) -> None:
        if problem.missing:
            self._offer(problem.profile, self._missing_words(problem.profile), "info")
        else:
            self._offer(
                problem.profile,
                self.tr(
                    "The provider refused the API key of “%1”. Its jobs wait (nothing is "
                    "lost) until you enter a working key."
                ).replace("%1", problem.profile),
                "warning",
            )

    def _missing_words(self, profile: str) -> str:
        text = self.tr(
            "There is no API key for “%1” on this computer yet. Enter it to send jobs; "
            "jobs that are waiting go out by themselves."
        ).replace("%1", profile)
        if not self._vault.persistent:
            text += " " + self.tr(
                "(No keyring works here, so GenStudio keeps the key only until it closes.)"
            )
        return text

    def _offer(self, profile: str, text: str, level: str) -> None:
        self.banner_profile = profile
        self._banner.show_message(text, level, self.tr("Enter key"))

    def _hide_banner(self) -> None:
        if self.banner_profile is not None:
            self.banner_profile = None
            self._banner.hide()

    def banner_clicked(self) -> bool:
        """The banner's button was pressed: ask, if the banner is ours."""
        if self.banner_profile is None:
            return False
        self.ask(self.banner_profile)
        return True

    # -- asking ------------------------------------------------------------------------------

    def ensure_key(self, name: str) -> bool:
        """Before Generate: True when the profile can send, else ask (False: cancelled)."""
        profile = self._prefs.profile(name)
        if profile is None or profile.demo:
            return profile is not None
        if not self._service().profile_blocked(name) and self._vault.get(name):
            return True
        return self.ask(name)

    def ask(self, name: str) -> bool:
        """The key dialog; True when a key was stored (waiting jobs then resume)."""
        profile = self._prefs.profile(name)
        if profile is None or self._asking:
            return False
        if self._service().profile_blocked(name) and self._vault.get(name):
            message = self.tr(
                "The provider refused the saved key for “%1”. Paste a working key; jobs "
                "that are waiting continue by themselves."
            ).replace("%1", name)
        else:
            message = self.tr(
                "GenStudio needs your API key for “%1” to send jobs. You find it in your "
                "account at the provider."
            ).replace("%1", name)
        self._asking = True
        try:
            from genstudio.ui.dialogs.key_dialog import KeyDialog

            dialog = KeyDialog(profile, message, self._vault.where(), self._window)
            dialog.models_learned.connect(self.models_learned)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            try:
                self._vault.set(name, dialog.key.text())
            except KeyStoreError as exc:
                self._banner.show_message(str(exc), "warning", self.tr("Enter key"))
                self.banner_profile = name
                return False
        finally:
            self._asking = False
        self._service().key_updated(name)
        self.key_saved.emit(name)
        self._hide_banner()
        self._say(self.tr("Key saved for %1.").replace("%1", name))
        return True
