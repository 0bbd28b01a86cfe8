// lesson_export.h — what *Export all*, *Export table* and `neurostep export` write for a lesson
// session: every figure of its current step (through figure_files.h) and its history table.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/figure_files.h"
#include "lessons/framework/session.h"

namespace neurostep {

enum class TableFormat { Csv, Markdown, Latex };

// What a lesson export writes: figures in some formats, the history table in others.
struct LessonExportFormats {
  std::vector<ExportFormat> figures;
  std::vector<TableFormat> tables;
};
// "png,svg,pdf,csv,tikz,md,tex" → the formats (csv: the figures' data and the table); nullopt if any
// name is unknown.
std::optional<LessonExportFormats> parse_lesson_export_formats(std::string_view list);
inline const LessonExportFormats kAllLessonExportFormats = {
    {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf, ExportFormat::Csv, ExportFormat::Tikz},
    {TableFormat::Csv, TableFormat::Markdown, TableFormat::Latex}};

// The file name prefix of the session's figures at its current step: "sigmoid-neuron-step14", so
// that exports at different steps do not overwrite each other.
std::string figure_file_prefix(const LessonSession& session);

// Writes the session's history table as <lesson>-history.csv, .md and .tex (those of `tables`)
// into `dir` (numbers in Markdown and LaTeX with `precision` decimals). Returns the files written
// (none if the lesson has no history table).
std::vector<std::filesystem::path> export_history(
    const LessonSession& session, const std::filesystem::path& dir, int precision,
    const std::vector<TableFormat>& tables = kAllLessonExportFormats.tables);

// Writes every figure of the session at its current step as <lesson>-step<N>-<figure title>.<ext>,
// the history table, and on a step of a counted architecture (alexnet-vgg) its diagram as
// <lesson>-step<N>-<name>-diagram.<ext>, into `dir`. Returns the files written.
std::vector<std::filesystem::path> export_lesson(const LessonSession& session, const std::filesystem::path& dir,
                                                 const LessonExportFormats& formats = kAllLessonExportFormats,
                                                 const ExportOptions& options = {});

}  // namespace neurostep
