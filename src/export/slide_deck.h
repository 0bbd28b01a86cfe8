// slide_deck.h — a lesson as a Beamer deck for a lecture (16:9): what `neurostep slides` and the
// window's Slides… write. Nothing here touches files; the caller writes the deck and its figures.
//
// The deck: a title frame with the lesson's title and the documents it follows, cited by name
// (authors, title, kind, year, and the section the lesson follows); then one frame per step — its
// title, and its equations revealed in three overlays: the formulas, then the formulas with the
// numbers put in, then the results — beside the step's first plot as a PGFPlots picture
// (figure_tikz.h, one file per step, \input from beside the deck). A step whose equations do not
// fit one frame continues on the next ("(continued)"); the text is never made smaller for it.
//
// Readable from the back of a room: the rule of thumb is 20 pt on a projected 16:9 slide of
// PowerPoint's size, 33.867 cm wide. Beamer's 16:9 frame is 16 cm wide, so 20 pt there is
// 20 · 16 / 33.867 ≈ 9.4 pt on Beamer's frame. The deck is set at 11 pt (≈ 23 pt on the slide
// seen that way) and nothing holding a number is set smaller: equations, notes, and the plots'
// ticks, labels and cell values all use the frame's 11 pt font.
#pragma once

#include <string>
#include <vector>

#include "lessons/framework/session.h"

namespace neurostep {

struct SlideOptions {
  int first_step = 1;  // 1-based, inclusive
  int last_step = -1;  // 1-based, inclusive; -1: the last step
  int precision = 4;   // decimals of the numbers, as `neurostep trace` prints them
};

struct SlideFile {
  std::string name;  // a file name beside the deck: "sigmoid-neuron-step3-sigmoid.tex"
  std::string text;
};

struct SlideDeck {
  std::string tex;                 // the deck, <lesson>.tex
  std::vector<SlideFile> figures;  // the pictures it \input-s
};

// The deck of `session`'s lesson at its numbers as set (a variant's, if one is used). Moves the
// session's current step (it visits every step for its plots).
SlideDeck slide_deck(LessonSession& session, const SlideOptions& options);

}  // namespace neurostep
