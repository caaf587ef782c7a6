// Shared behaviour of the pages.
