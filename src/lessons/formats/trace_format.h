// trace_format.h — a Trace as text for the command line and for other tools. Every format numbers
// the steps from 1, as the window, `--step` and `--steps` do.
//
//   text      each step with its equations: symbols = numbers = result (for reading)
//   json      {"lesson": ID, "steps": [{"index", "id", "group", "title", "values": {NAME: number or
//             nested array}, "equations": [{"symbols", "numbers", "result"}]}]} — full precision, so
//             a tool can recompute and compare each step
//   csv       one row per value element: index,step,title,value,element,number
//   md        a Markdown table of the steps and their equations (the history table)
//   tex       the same table as a LaTeX document (booktabs) that compiles as is with pdflatex
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lessons/framework/trace.h"

namespace neurostep {

enum class TraceFormat { Text, Json, Csv, Markdown, Latex };

std::optional<TraceFormat> parse_trace_format(std::string_view name);  // "text", "json", "csv", "md", "tex"

// The first `steps` steps (all if steps < 0); numbers in text and md use `precision` decimals.
std::string format_trace(const Trace& trace, TraceFormat format, int steps = -1, int precision = 4);

}  // namespace neurostep
