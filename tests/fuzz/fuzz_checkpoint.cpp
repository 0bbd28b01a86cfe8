// libFuzzer target: the checkpoint loader on arbitrary bytes, against Sougrati et al.'s CNN. Any input
// must either load or throw CheckpointError — and a refused file must leave the model unchanged.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/io/checkpoint.h"
#include "core/model_spec.h"

namespace {
neurostep::ModelSpec sougrati() {
  neurostep::ModelSpec s;
  s.layers = {{.type = "conv", .filters = 8, .kernel = 5},
              {.type = "relu"},
              {.type = "maxpool"},
              {.type = "conv", .filters = 16, .kernel = 5},
              {.type = "relu"},
              {.type = "maxpool"},
              {.type = "flatten"},
              {.type = "dense", .units = 128},
              {.type = "relu"},
              {.type = "dropout", .rate = 0.2},
              {.type = "dense", .units = 10}};
  return s;
}

// The file each input is written to (the loader reads files), removed when the run ends.
struct InputFile {
  std::string path = "/tmp/neurostep-fuzz-ckpt-" + std::to_string(::getpid());
  ~InputFile() { std::remove(path.c_str()); }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static neurostep::Sequential<float> model = neurostep::build_model<float>(sougrati(), 1);
  static const InputFile input;
  const std::string& path = input.path;
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  const float before = model.params()[0].value->values()[0];
  try {
    neurostep::load_checkpoint(model, path);
  } catch (const neurostep::CheckpointError&) {
    if (model.params()[0].value->values()[0] != before) __builtin_trap();  // a refused file changed the model
  }
  return 0;
}
