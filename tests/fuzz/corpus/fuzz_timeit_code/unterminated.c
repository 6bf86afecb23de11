puts("no end);
/* open