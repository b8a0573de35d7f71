//! The sharelock procedural macros. (in progress)
