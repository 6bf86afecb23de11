char buf[64];
snprintf(buf, sizeof buf, "%d \"%s\" %c", 1, "x(", '{'); /* ( [ { */ // ) ] }\
 still a comment