#include "export/slide_deck.h"

#include <fmt/format.h>

#include <algorithm>

#include "export/figure_tikz.h"
#include "figure/figure_csv.h"
#include "lessons/formats/table_export.h"

namespace neurostep {

namespace {

// The frame's layout, in the units the split into frames is reckoned in: characters of 11 pt text
// per line (about half an em each, a little less than fits) and lines per frame (the 9 cm frame
// less its title, at 11 pt's 13.6 pt line spacing, with room for the gaps between equations).
constexpr int kCharsBesideFigure = 36;  // the text column beside a plot: 0.55 of the 14 cm text width
constexpr int kCharsFullWidth = 66;
constexpr double kLinesPerFrame = 11;
// The plot beside the text: its plot area, with its title, ticks and labels, fits the rest.
// Heatmaps of more than 20 × 20 cells (decision regions, loss surfaces) are drawn coarser on slides:
// PGFPlots would take minutes over a deck of a hundred steps.
constexpr TikzOptions kSlideFigure{.width_cm = 4.2, .max_height_cm = 3.6, .font_pt = 11, .max_cells = 400};

// One equation as the frame shows it: the formula, "= numbers", "= result" (each possibly empty).
struct ShownEquation {
  std::string symbols, numbers, result;
};

int text_lines(const std::string& text, int chars_per_line) {
  if (text.empty()) return 0;
  const auto chars = std::count_if(text.begin(), text.end(), [](char ch) { return (ch & 0xC0) != 0x80; });
  return static_cast<int>((chars + chars_per_line - 1) / chars_per_line);
}

double equation_lines(const ShownEquation& e, int chars) {
  return text_lines(e.symbols, chars) + text_lines(e.numbers, chars) + text_lines(e.result, chars) + 0.5;
}

std::vector<ShownEquation> shown_equations(const Step& step, int precision) {
  std::vector<ShownEquation> out;
  for (const Equation& e : step.equations) {
    ShownEquation s{e.symbols, {}, {}};
    if (!e.numbers.empty()) s.numbers = "= " + equation_numbers(e, precision);
    if (!e.result.empty()) s.result = "= " + equation_result(e, precision);
    out.push_back(std::move(s));
  }
  return out;
}

// What one frame of a step shows: some of its equations and some of its note.
struct FrameText {
  std::vector<ShownEquation> equations;
  std::string note;
};

// The note's sentences (". " ends one), to split a long note between frames.
std::vector<std::string> sentences(const std::string& note) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t at; (at = note.find(". ", from)) != std::string::npos; from = at + 2)
    out.push_back(note.substr(from, at + 1 - from));
  if (from < note.size()) out.push_back(note.substr(from));
  return out;
}

// The step's equations, then its note, split into the frames they fill, in order. The first
// frame's text is beside the plot unless `full_width`; the frames after it have no plot. A frame
// the note continues on starts with the step's last equation again, so that the step's last frame
// shows its result.
std::vector<FrameText> frames_of(const std::vector<ShownEquation>& equations, const std::string& note,
                                 bool full_width) {
  std::vector<FrameText> frames(1);
  double used = 0;
  const auto chars = [&] { return frames.size() == 1 && !full_width ? kCharsBesideFigure : kCharsFullWidth; };
  const auto new_frame = [&](bool recap) {
    frames.emplace_back();
    used = 0;
    if (recap && !equations.empty()) {
      frames.back().equations.push_back(equations.back());
      used = equation_lines(equations.back(), chars());
    }
  };
  for (const ShownEquation& e : equations) {
    if (!frames.back().equations.empty() && used + equation_lines(e, chars()) > kLinesPerFrame) new_frame(false);
    frames.back().equations.push_back(e);
    used += equation_lines(e, chars());
  }
  for (const std::string& sentence : sentences(note)) {
    std::string& text = frames.back().note;
    const std::string longer = text.empty() ? sentence : text + " " + sentence;
    if ((!text.empty() || !frames.back().equations.empty()) && used + text_lines(longer, chars()) > kLinesPerFrame) {
      new_frame(true);
      frames.back().note = sentence;
    } else {
      text = longer;
    }
  }
  return frames;
}

std::string equations_tex(const std::vector<ShownEquation>& equations) {
  std::string out;
  for (const ShownEquation& e : equations) {
    out += latex_text(e.symbols) + "\\par\n";
    if (!e.numbers.empty()) out += "\\uncover<2->{" + latex_text(e.numbers) + "}\\par\n";
    if (!e.result.empty()) out += "\\uncover<3->{\\textbf{" + latex_text(e.result) + "}}\\par\n";
    out += "\\medskip\n";
  }
  return out;
}

std::string frame_tex(const std::string& title, const std::string& text, const std::string& figure_box) {
  std::string out = "\\begin{frame}\n\\frametitle{" + latex_text(title) + "}\n";
  if (figure_box.empty()) return out + "\\raggedright\n" + text + "\\end{frame}\n\n";
  return out + "\\begin{columns}[T]\n\\begin{column}{0.55\\textwidth}\n\\raggedright\n" + text +
         "\\end{column}\n\\begin{column}{0.43\\textwidth}\n\\centering" + figure_box +
         "\n\\end{column}\n\\end{columns}\n\\end{frame}\n\n";
}

// The frames of one step (index `i`, 0-based) and the picture they show, if the step has a plot.
std::string step_frames(const Step& step, int i, const std::vector<Figure>& figures, const std::string& lesson,
                        int precision, std::vector<SlideFile>& files) {
  std::string out, box;
  if (!figures.empty()) {
    const Figure& f = figures.front();
    box = "\\pdfrefxform\\stepfigureobj";  // drawn once into a PDF form, which every overlay of the step's frames
                                           // refers to
    std::string picture = figure_tikz(f, kSlideFigure);
    if (files.empty() || files.back().text != picture) {  // the same plot as the step before: its box stays
      files.push_back({fmt::format("{}-step{}-{}.tex", lesson, i + 1, file_slug(f.title)), std::move(picture)});
      out += "\\sbox{\\stepfigure}{\\input{" + files.back().name +
             "}\\unskip}\\fitfigure\\immediate\\pdfxform\\stepfigure\\edef\\stepfigureobj{\\the\\pdflastxform}\n";
    }
  }
  const auto frames = frames_of(shown_equations(step, precision), step.note, box.empty());
  const std::string title = fmt::format("{}. {}: {}", i + 1, step.group, step.title);
  for (std::size_t k = 0; k < frames.size(); ++k) {
    std::string text = equations_tex(frames[k].equations);
    if (!frames[k].note.empty())  // after the results, where there are any
      text += (step.equations.empty() ? "" : "\\uncover<3->{") + latex_text(frames[k].note) +
              (step.equations.empty() ? "\\par\n" : "}\\par\n");
    out += frame_tex(k == 0 ? title : title + " (continued)", text,
                     k == 0 ? box : std::string());  // the plot on the first frame
  }
  return out;
}

// The documents the lesson follows, each by name with the place it follows.
std::string sources_tex(const LessonInfo& info) {
  std::string out;
  for (const Citation& c : info.citations)
    for (const SourceEntry& e : info.cited)
      if (e.key == c.key) out += "\\item " + latex_text(full_reference(e) + (c.at.empty() ? "" : " " + c.at)) + "\n";
  return out.empty() ? out : "\\begin{itemize}\n" + out + "\\end{itemize}\n";
}

std::string title_frame(const LessonInfo& info, std::optional<std::uint64_t> variant) {
  std::string out = "\\begin{frame}\n\\begin{center}\n{\\usebeamerfont{title}\\usebeamercolor[fg]{title}" +
                    latex_text(info.title) + "\\par}\n";
  if (!info.source.empty()) out += "\\medskip\nAfter " + latex_text(info.source) + "\\par\n";
  if (variant)
    out += "\\smallskip\n" + latex_text(fmt::format("With numbers #{} (not the document's own)", *variant)) + "\\par\n";
  out += "\\end{center}\n\\raggedright\n" + sources_tex(info);
  return out + "\\end{frame}\n\n";
}

constexpr const char* kPreamble =
    "\\documentclass[aspectratio=169,11pt]{beamer}\n"
    "\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n\\usepackage{amssymb}\n"
    "\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.18}\n"
    "\\setbeamertemplate{navigation symbols}{}\n"
    "\\setbeamercovered{invisible}\n"
    "\\newsavebox{\\stepfigure}\n"
    // A plot wider than its column (a label past the plot's edge) or taller than the frame's room
    // (a legend of many rows below it) is scaled down to fit.
    "\\newcommand{\\fitfigure}{\\ifdim\\wd\\stepfigure>0.43\\textwidth\\sbox{\\stepfigure}{\\resizebox{0.43\\textwidth}"
    "{!}{\\usebox{\\stepfigure}}}\\fi\n"
    "  "
    "\\ifdim\\dimexpr\\ht\\stepfigure+\\dp\\stepfigure\\relax>6.2cm\\sbox{\\stepfigure}{\\resizebox{!}{6.2cm}{\\usebox{"
    "\\stepfigure}}}\\fi}\n";

}  // namespace

SlideDeck slide_deck(LessonSession& session, const SlideOptions& options) {
  const LessonInfo& info = session.lesson().info();
  const int n = session.step_count();
  const int last = options.last_step < 0 ? n : std::min(n, options.last_step);
  SlideDeck deck;
  std::string body = title_frame(info, session.variant());
  for (int i = std::max(0, options.first_step - 1); i < last; ++i) {
    session.go_to(i);
    body += step_frames(session.trace().steps[static_cast<std::size_t>(i)], i, session.figures(), info.id,
                        options.precision, deck.figures);
  }
  deck.tex = std::string(kPreamble) + "% " + latex_text(info.title) +
             " — written by neurostep slides\n\\begin{document}\n\n" + body + "\\end{document}\n";
  return deck;
}

}  // namespace neurostep
