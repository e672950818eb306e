//! Throwaway certificates for TLS tests: a CA, a server cert for 127.0.0.1/localhost and a
//! client cert, written as PEM files into a temp folder that lives as long as the value.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use tempfile::TempDir;

/// PEM files of a test PKI. Clones share the folder.
#[derive(Clone)]
pub struct TestCerts {
    dir: Arc<TempDir>,
    pub ca: PathBuf,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
    pub client_cert: PathBuf,
    pub client_key: PathBuf,
}

fn err(e: rcgen::Error) -> io::Error {
    io::Error::other(e.to_string())
}

impl TestCerts {
    pub fn generate() -> io::Result<Self> {
        let dir = tempfile::Builder::new().prefix("sluice-certs-").tempdir()?;
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(err)?;
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "Sluice Test CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().map_err(err)?)
            .map_err(err)?;

        let leaf = |cn: &str| -> io::Result<(String, String)> {
            let mut params =
                CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
                    .map_err(err)?;
            params.distinguished_name.push(DnType::CommonName, cn);
            let key = KeyPair::generate().map_err(err)?;
            let cert = params.signed_by(&key, &ca).map_err(err)?;
            Ok((cert.pem(), key.serialize_pem()))
        };
        let (server_cert, server_key) = leaf("sluice-test-server")?;
        let (client_cert, client_key) = leaf("sluice-test-client")?;

        let write = |name: &str, text: &str| -> io::Result<PathBuf> {
            let path = dir.path().join(name);
            std::fs::write(&path, text)?;
            Ok(path)
        };
        Ok(Self {
            ca: write("ca.pem", &ca.pem())?,
            server_cert: write("server.pem", &server_cert)?,
            server_key: write("server-key.pem", &server_key)?,
            client_cert: write("client.pem", &client_cert)?,
            client_key: write("client-key.pem", &client_key)?,
            dir: Arc::new(dir),
        })
    }

    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    pub(crate) fn server_conf(&self, verify_clients: bool, tls_first: bool) -> String {
        let mut c = format!(
            "tls {{\n  cert_file: {:?}\n  key_file: {:?}\n  ca_file: {:?}\n  verify: {verify_clients}\n",
            self.server_cert.display().to_string(),
            self.server_key.display().to_string(),
            self.ca.display().to_string(),
        );
        if tls_first {
            c.push_str("  handshake_first: true\n");
        }
        c.push_str("}\n");
        c
    }
}
