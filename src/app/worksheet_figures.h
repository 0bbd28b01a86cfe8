// worksheet_figures.h — the plot beside each exercise of a worksheet: the figure the window shows
// at that step (Lesson::figures, the first of them), as PDF bytes for a file beside the .tex.
//
// Nothing on it may give an answer away, on paper as little as in Try it: the figure is drawn
// from the trace as Try it shows it at the sheet's first exercise (withheld.h: that step's answers
// and every value from there on withheld), and its labels and cells are masked against every
// exercise of the sheet. So it shows the given numbers and where the step looks (the window, the
// unit), not what the student works out.
// Not here: which files the sheet writes (worksheet_command.cpp). The web edition, which writes
// no PDF (figure_renderer.h), gets no figures.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lessons/framework/exercise.h"
#include "lessons/framework/lesson.h"

namespace neurostep {

// By step index: the PDF of each exercise step that has a figure.
std::map<int, std::string> worksheet_figures(const Lesson& lesson, const Trace& trace,
                                             const std::vector<Exercise>& exercises, std::uint64_t numbers);

}  // namespace neurostep
