int a;
int b;int c;


last line without newline