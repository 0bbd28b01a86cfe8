// withheld.h — Try it's one filter: what every view may show of a trace while a step's exercises
// are open. The step list, the current step, the values table, the plots and their labels, the
// history table, the presentation view and the exports made in Try it all read the trace through
// `shown_trace` and their text through `mask_numbers` / `mask_figures`; no panel decides on its own.
//
// While the student is asked for the open exercises of step s:
//   - the asked values are withheld everywhere (NaN, drawn as "?"), and so is any number that would
//     show an asked one at 3, 4 or 6 decimals (or its negative) — in earlier steps too, unless the
//     answer is a small whole number such as a class 0 or 1, which earlier steps use for other things;
//     an answer that is one of the step's own inputs (the maximum of a pooling window) cannot be
//     hidden without hiding the question, and is not;
//   - of step s, its inputs stay (a value all of whose numbers its equations take in); the numbers
//     lines appear from the first hint, the results and values in between from the second (the
//     hint ladder, practice.h), never a number equal to an asked one; the note once answered; its
//     title without the numbers it works out until the second rung, or the engine's asked_title;
//   - of every later step, no value, number or note; numbers with decimals leave their titles.
// Nothing is withheld in Show mode, or once the step's exercises are answered or revealed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "figure/figure.h"
#include "lessons/framework/history.h"
#include "lessons/framework/practice.h"
#include "lessons/framework/trace.h"

namespace neurostep {

struct Withheld {
  int step = -1;                    // the step asked; −1: nothing is withheld
  int hint_level = 0;               // its rung of the hint ladder (practice.h)
  std::vector<std::string> names;   // the names of the values asked
  std::vector<double> answers;      // the numbers asked that can be hidden everywhere (not one of the step's inputs)
  std::vector<double> all_answers;  // every number asked
  bool active() const { return step >= 0; }
  bool operator==(const Withheld&) const = default;
  // Whether `x` would show an asked number (at 3, 4 or 6 decimals, or as its negative).
  bool hides(double x) const;
};

// What Try it withholds at step `current` (nothing when `try_it` is off or the step has no open
// exercise).
Withheld withheld_for(const Trace& trace, const Practice& practice, int current, bool try_it);

// The trace as the views may show it (the trace itself when nothing is withheld).
Trace shown_trace(const Trace& trace, const Withheld& withheld);

// `text` with each number that would show an asked one replaced by "?"; with `all_decimals`, every
// number with a decimal point too (the titles of later steps).
std::string mask_numbers(std::string_view text, const Withheld& withheld, bool all_decimals = false);

// The history table's cells that show any asked number (even one an input of the question shows:
// in a table of per-step results the cell would be the answer) left empty.
void mask_history(HistoryTable& table, const Withheld& withheld);

// The figures' texts (titles, labels, annotations) masked, heatmap cells that show an asked number
// withheld, and the asked numbers kept in Figure::withheld for the screen's hover read-outs.
void mask_figures(std::vector<Figure>& figures, const Withheld& withheld);

// Try it's values table of step `step` while `asked` (its exercises, indices into `exercises`) are
// open: the values it shows — every value not withheld whole (all NaN) — and, for those withheld,
// the labels of the exercises asking for them, as the formulas write them (δ⁽¹⁾₁, never delta1).
struct TryValues {
  std::vector<Value> shown;
  std::vector<std::string> asked;
};
TryValues try_values(const Step& step, const std::vector<int>& asked, const std::vector<Exercise>& exercises);

// A hover read-out of `figure` (a point, a cell, the mouse's place: plot_view.h) with each number
// that would show one of its withheld numbers replaced by "?": a curve's point at the asked z.
std::string mask_read_out(std::string_view text, const Figure& figure);

}  // namespace neurostep
