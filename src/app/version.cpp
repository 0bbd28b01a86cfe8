#include "app/version.h"

#include "core/kernels.h"

namespace neurostep {

std::string version_text() {
  std::string text = std::string("neurostep ") + NEUROSTEP_VERSION + "\n";
  try {
    const Kernels& k = kernels();
    text += std::string("kernels: ") + k.name + " (" + k.level + ")";
  } catch (const IsaError& e) {
    text += std::string("kernels: none: ") + e.what();
  }
  return text;
}

}  // namespace neurostep
