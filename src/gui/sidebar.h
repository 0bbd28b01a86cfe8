// sidebar.h — the list of lessons, with the View menu (text size, theme, presentation mode) beside
// its heading and the keys below it. A file that failed to load is shown with its error in red.
// Where the platform has a file picker (the browser), Open lesson file… above the list opens it.
#pragma once

#include <vector>

#include "gui/ui_actions.h"
#include "lessons/framework/catalog.h"

namespace neurostep {

void draw_sidebar(const std::vector<CatalogEntry>& catalog, int selected, const DisplayState& display, bool file_picker,
                  UiActions& actions);

}  // namespace neurostep
