// sidebar.h — the list of lessons. A file that failed to load is shown with its error in red.
#pragma once

#include <vector>

#include "gui/ui_actions.h"
#include "lessons/framework/catalog.h"

namespace neurostep {

void draw_sidebar(const std::vector<CatalogEntry>& catalog, int selected, UiActions& actions);

}  // namespace neurostep
