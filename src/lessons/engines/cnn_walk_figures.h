// cnn_walk_figures.h — internal to the cnn-walk kind: the plots of a step (cnn_walk_figures.cpp)
// and the ids a click on them reports, which the lesson reads back (cnn_walk_file.cpp).
#pragma once

#include <vector>

#include "lessons/engines/cnn_walk.h"

namespace neurostep::cnn_walk_figures {

// A click on a plot reports kind·100000 + map·10000 + the cell's index in its map.
enum ClickKind { kConvClick = 1, kPoolClick = 2, kKernelClick = 3, kClassClick = 4 };
constexpr int click_id(ClickKind kind, int map) { return kind * 100000 + map * 10000; }

// The plots of step `current` of a trace of the numbers `n`.
std::vector<Figure> figures_of_step(const CnnWalkNumbers& n, const Trace& trace, int current);

}  // namespace neurostep::cnn_walk_figures
