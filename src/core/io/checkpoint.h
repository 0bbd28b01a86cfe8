// checkpoint.h — saving and loading a trained model.
//
// File format, version 1 (all integers little-endian):
//   8 bytes   magic "NSTEPCKP"
//   u32       format version (1)
//   u32 n, n bytes   the architecture signature (one line per layer with its output shape)
//   u64 n, n floats  every parameter, then every buffer (BatchNorm's running statistics), in layer order
//   u32       CRC-32 (zlib) of everything before it
// Saving writes a temporary file in the same folder and renames it, so a crash mid-save never
// destroys the previous checkpoint. Loading checks the magic, the version, the checksum, the
// length, and that the architecture is the model's own: anything else throws CheckpointError and
// leaves the model untouched.
#pragma once

#include <filesystem>
#include <stdexcept>

#include "core/sequential.h"

namespace neurostep {

struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void save_checkpoint(Sequential<float>& model, const std::filesystem::path& path);
void load_checkpoint(Sequential<float>& model, const std::filesystem::path& path);
// The architecture signature stored in a checkpoint (to find the model it belongs to).
std::string checkpoint_architecture(const std::filesystem::path& path);

}  // namespace neurostep
