//! Generated docker-compose text shared by the import tests and the import
//! benchmark (which includes this file by path).

/// `n` services each naming every other in `depends_on` and, as URLs, in
/// an environment variable: the shape of a generated 1.5 MB file.
#[allow(dead_code)] // not every test binary uses it
pub fn everyone_names_everyone(n: usize) -> String {
    let mut text = String::from("services:\n");
    for i in 0..n {
        let others: Vec<String> = (0..n)
            .filter(|&j| j != i)
            .map(|j| format!("s{j}"))
            .collect();
        text.push_str(&format!("  s{i}:\n    image: acme/s{i}:1\n"));
        if i == 0 {
            text.push_str("    ports: [\"80:80\"]\n");
        }
        text.push_str(&format!("    depends_on: [{}]\n", others.join(", ")));
        let urls: Vec<String> = others
            .iter()
            .take(n / 4)
            .map(|o| format!("http://{o}:8080"))
            .collect();
        text.push_str(&format!(
            "    environment:\n      UPSTREAM_URLS: \"{}\"\n",
            urls.join(",")
        ));
    }
    text
}
