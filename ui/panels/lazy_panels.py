"""The window's panels by key, each built the first time something asks for it.

Building every panel at start imported most of the app and kept a large register
waiting for screens it had not asked for; the window shows one panel at a time.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from . import PanelEntry
from .base import Panel


class LazyPanels(Mapping):
    """``panels[key]`` builds the panel if need be; iterating gives every key, built or not."""

    def __init__(self, entries: tuple[PanelEntry, ...], build: Callable[[PanelEntry], Panel]):
        self._entries = {entry.key: entry for entry in entries}
        self._build = build
        self._built: dict[str, Panel] = {}

    def __getitem__(self, key: str) -> Panel:
        panel = self._built.get(key)
        if panel is None:
            panel = self._build(self._entries[key])
            self._built[key] = panel
        return panel

    def __contains__(self, key: object) -> bool:
        # Mapping's default would look the key up, and so build the panel.
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def title(self, key: str) -> str:
        return self._entries[key].translated_title()

    def is_built(self, key: str) -> bool:
        return key in self._built

    def built(self) -> list[Panel]:
        """The panels built so far, in navigation order."""
        return [self._built[key] for key in self._entries if key in self._built]
