//! Lowering: one parsed file to its `ir::FileIr`. (in progress)
