// external_program.h — finding and quoting the programs the commands run (pdflatex for worksheets
// and slides): a program on PATH, and a word quoted for the shell that runs it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace neurostep {

// The executable `name` in a folder of PATH, or nothing if there is none.
std::optional<std::filesystem::path> find_program(const std::string& name);

// `s` as one word for /bin/sh: in single quotes, a quote inside written '\''.
std::string shell_quote(const std::string& s);

}  // namespace neurostep
