// slides_command.h — `neurostep slides LESSON [--variant N] [--steps A..B] [--out DIR]`: the lesson
// as a Beamer deck (export/slide_deck.h), LESSON.tex with its TikZ pictures beside it, and when
// pdflatex is on PATH, LESSON.pdf. The deck and its pictures are written atomically before
// pdflatex runs (in a temporary folder for its own files); if it fails, the .tex files stay and
// the error says the log's first error and the line of the .tex it is on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace neurostep {

struct SlidesArguments {
  std::string lesson;         // id or path
  std::uint64_t variant = 0;  // 0: the lesson file's own numbers; else numbers #N
  std::string steps;          // "A..B", "A..", "..B" (1-based, inclusive); empty: all
  std::string out = ".";      // the folder (created if missing)
  bool pdf = true;            // run pdflatex when it is on PATH (the window does not: a long deck takes a minute)
};

struct SlidesReport {
  std::vector<std::filesystem::path> written;
  std::string error;  // empty: none
  bool pdf = false;   // a PDF was made
};

// Writes the deck; returns the command's exit code (2: wrong arguments; 1: a lesson or file error,
// or pdflatex failed).
int write_slides(const std::filesystem::path& lessons_dir, const SlidesArguments& a, SlidesReport& report);

int slides_command(const std::filesystem::path& lessons_dir, const SlidesArguments& a);

// The window's Slides…: writes the deck and its figures (no PDF: pdflatex would hold the window up)
// and says, for the status line, what went where.
std::string slides_for_window(const std::filesystem::path& lessons_dir, const SlidesArguments& a);

}  // namespace neurostep
