"""Dialogs: settings, providers, keys, help, crashes."""
