// playground_panel.h — the playground lesson's tab: the data (built-in sets, the student's own
// points, CSV), the network's shape and training settings, the network graph (edges by weight,
// every unit's output over the plane, hover for the numbers, click a weight to type it), the plane
// (click to add a point, drag to move, right-click to delete), and the curves. It draws the
// Playground's state and sends PlaygroundCommands through UiActions; it computes nothing.
#pragma once

#include "lessons/framework/withheld.h"

#include "gui/ui_actions.h"
#include "lessons/playground/playground.h"

namespace neurostep {

// `withheld`: what Try it keeps from view (withheld.h) — the explanations' numbers go through it.
void draw_playground_panel(const Playground& playground, PlaygroundPanelState& ui, int precision, UiActions& actions,
                           const Withheld& withheld = Withheld{});

}  // namespace neurostep
