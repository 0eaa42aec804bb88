"""Pure rating calculations (retro, experience, premium), each returning a worksheet."""
