// view_menu.h — the View button and its popup: the text size (smaller, larger, 100 %), the light
// or dark theme and presentation mode, each with its key. It only asks, through UiActions; the
// app applies the change and rebuilds fonts and style between frames.
#pragma once

#include "gui/ui_actions.h"

namespace neurostep {

void draw_view_menu(const DisplayState& display, UiActions& actions);

}  // namespace neurostep
