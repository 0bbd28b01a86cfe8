// version.h — what `neurostep --version` prints: the version, then the kernels in use
// (src/core/kernels.h), e.g. "kernels: avx512 (x86-64-v4)".
#pragma once

#include <string>

namespace neurostep {

std::string version_text();

}  // namespace neurostep
