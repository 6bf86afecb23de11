/* Source text that needs escaping: <tags> & "quotes" */
int weird(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += i < 5 && i > 2 ? i : -i; /* <&> */
  return s;
}
