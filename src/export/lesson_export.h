// lesson_export.h — what *Export all*, *Export table* and `neurostep export` write for a lesson
// session: every figure of its current step (through figure_files.h) and its history table.
#pragma once

#include <filesystem>
#include <vector>

#include "export/figure_files.h"
#include "lessons/framework/session.h"

namespace neurostep {

// Writes the session's history table as <lesson>-history.csv, .md and .tex into `dir` (numbers in
// Markdown and LaTeX with `precision` decimals). Returns the files written (none if the lesson
// has no history table).
std::vector<std::filesystem::path> export_history(const LessonSession& session, const std::filesystem::path& dir, int precision);

// Writes every figure of the session at its current step, and the history table (CSV, Markdown,
// LaTeX), into `dir` as <lesson>-<figure title>.<ext>. Returns the files written.
std::vector<std::filesystem::path> export_lesson(const LessonSession& session, const std::filesystem::path& dir,
                                                 const std::vector<ExportFormat>& formats, const ExportOptions& options = {});

}  // namespace neurostep
