import{n as e,r as t,t as n}from"./token-DWi1cXCz.js";import{n as r}from"./dist-DHCRdjNZ.js";var i,a,o,s,c,l,u,d,f,p,m=Symbol.for(`pv`),h={},g=[],_=/^m(i|n|o|s|text|space)$/,v=Array.isArray,y=g.slice,b=Object.assign;function x(e){e&&e.parentNode&&e.remove()}function S(e,t,n,r,o){var s={type:e,props:t,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:m,__v:o||++a,__i:-1,__u:0};return!o&&i.vnode&&i.vnode(s),s}function C(e){return e.children}function w(e,t){this.props=e,this.context=t,this.__g=0}function T(e,t){if(t==null)return e.__&&T(e.__,e.__i+1);for(var n;t<e.__k.length;t++)if((n=e.__k[t])&&n.__e)return n.__e;return typeof e.type!=`function`||e.props.__P?null:T(e)}function E(e){var t,n=e.__v,r=n.__e,a=[],o=[],s=e.__P;s&&((t=b({constructor:m},n)).__v=n.__v+1,i.vnode&&i.vnode(t),M(s,t,n,e.__n,s.namespaceURI,32&n.__u?[r]:null,a,r||T(n),32&n.__u,o),t.__v=n.__v,t.__.__k[t.__i]=t,N(a,t,o),n.__=n.__e=null,t.__e!=r&&D(t))}function D(e){if((e=e.__)&&e.__c&&!e.props.__P)return e.__e=null,e.__k.some(function(t){return t&&(e.__e=t.__e)}),D(e)}function O(e){(8&e.__g||(e.__g|=8,o.push(e),c++))&&s==i.debounceRendering||((s=i.debounceRendering)||queueMicrotask)(k)}function k(){try{for(var e,t=1;o.length;)o.length>t&&o.sort(l),e=o.shift(),t=o.length,8&e.__g&&E(e)}finally{(c=o.length)&&(s||queueMicrotask)(k)}}function ee(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,m,_,v,y=r.__k||g,b=t.length;for(c=te(n,t,y,c,b),d=0;d<b;d++)(p=n.__k[d])!=null&&(f=~p.__i&&y[p.__i]||h,p.__i=d,v=M(e,p,f,i,a,o,s,c,l,u),m=p.__e,(f.ref!=p.ref||8&f.__u)&&(f.ref&&ce(f.ref,null,p,f),p.ref&&u.push(p.ref,p.__c||m,p)),_||=m,4&p.__u?(c=ne(p,c,e,!f.__v),f.__e&&(f.__e=null)):typeof p.type==`function`&&v!==void 0?c=v:m&&(c=m.nextSibling),p.__u&=-21);return n.__e=_,c}function te(e,t,n,r,i){var a,o,s,c,l,u,d,f,p,h=n.length,g=h,_=0,y=0,b=e.__k=Array(i);for(a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o!=`object`||o.constructor===String?o=b[a]=S(null,o):v(o)?o=b[a]=S(C,{children:o}):o.constructor===m&&o.__b?o=b[a]=S(o.type,o.props,o.key,o.ref,o.__v):b[a]=o,c=a+_,o.__=e,o.__b=e.__b+1,s=null,~(l=o.__i=re(o,n,c,g))&&(g--,(s=n[l])&&(s.__u|=2)),s&&s.__v?(o.__u|=16,l==c-1?_--:l==c+1?_++:l!=c&&(l>c?_--:_++,y=1)):(~l||(i>h?_--:i<h&&_++),typeof o.type!=`function`&&(o.__u|=4))):b[a]=null;if(y){for(u=[],d=[],a=0;a<i;a++)if((o=b[a])&&16&o.__u){for(_=0,f=u.length;_<f;)u[p=_+f>>1]<o.__i?_=p+1:f=p;u[_]=o.__i,d[a]=_+1}for(_=u.length;a--;)d[a]&&(d[a]==_?_--:b[a].__u|=4)}if(g)for(a=0;a<h;a++)!(s=n[a])||2&s.__u||(s.__e==r&&(r=T(s)),le(s,s));return r}function ne(e,t,n,r){var i,a,o,s;if(typeof e.type==`function`){if(e.props.__P)return t;if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&(i[a].__=e,t=ne(i[a],t,n,!1));return t}for(t&&!t.parentNode&&(t=T(e))&&!t.parentNode&&(t=null),o=e.__e,s=t;s&&s.nodeType==8;)s=s.nextSibling;for(o!=s&&(!r&&n.moveBefore&&o.parentNode?n.moveBefore(o,t):n.insertBefore(o,t||null)),t=o;(t&&=t.nextSibling)&&t.nodeType==8&&!t.data.startsWith(`$s`););return t}function re(e,t,n,r){var i,a=e.key,o=e.type,s=t[n],c=s&&!(2&s.__u);if(s===null&&a==null||c&&a==s.key&&o==s.type)return n;if(r>+!!c){for(i=n-1;i>=0;i--)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i;for(i=n+1;i<t.length;i++)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i}return-1}function A(e,t,n){n??=``,t[0]==`-`?e.setProperty(t,n):e[t]=n}function ie(e,t,n,r,i){var a,o;if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||A(e.style,t);if(n)for(t in n)r&&n[t]==r[t]||A(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)typeof n!=`function`&&(n=null),typeof r!=`function`&&(r=null),(e.__e||={})[t]=n,n&&r||(o=p[t]||(p[t]=j(t)),(e.__a||={})[t]=f,a=t!=(t=t.replace(d,`$1`)),(t=t.slice(2))[0]<`a`&&(t=t.toLowerCase()),n?e.addEventListener(t,o,a):e.removeEventListener(t,o,a));else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;return}catch{}if(typeof n==`function`)return;n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n)}}function j(e){return function(t){var n=this.__e;if(n){if(n=n[e],t[u]==null)t[u]=f++;else if(t[u]<this.__a[e])return;return n(i.event?i.event(t):t)}}}function M(e,t,n,r,a,o,s,c,l,u){var d,f,p,h,_,y,S,E,D,O,k,te,ne,re,A,ie,j,M,N=t.type;if(t.constructor!==m)return null;128&n.__u&&(l=32&n.__u,d=n.__c.__z)&&(t.__u|=l,f=o=[],d.nodeType==8?c=ae(d,o):o.push(d),c=o[0]||c),(d=i.__b)&&d(t);e:if(typeof N==`function`){p=s.length;try{if(E=t.props,D=(d=N.prototype)&&d.render,O=(d=N.contextType)&&r[d.__c],k=d?O?O.props.value:d.__:r,(h=n.__c)?(t.__c=h,2&h.__g&&(h.__g|=1)):(D?t.__c=h=new N(E,k):(t.__c=h=new w(E,k),h.constructor=N,h.render=ue),O&&O.sub(h),h.state||(h.state={}),h.__n=r,h.__g|=8,h.__h=[],h.__k=[]),D&&(h.__s||(h.__s=h.state),N.getDerivedStateFromProps&&(h.__s==h.state&&(h.__s=b({},h.__s)),b(h.__s,N.getDerivedStateFromProps(E,h.__s)))),_=h.props,y=h.state,h.__v=t,n.__c){if(E!==_&&D&&!N.getDerivedStateFromProps&&h.componentWillReceiveProps&&h.componentWillReceiveProps(E,k),t.__v==n.__v&&!(8&h.__g)||!(4&h.__g)&&h.shouldComponentUpdate&&!1===h.shouldComponentUpdate(E,h.__s,k)){t.__v!=n.__v&&(h.props=E,h.state=h.__s,h.__g&=-9),t.__e=n.__e,t.__k=n.__k,t.__k.some(function(e){e&&(e.__=t)}),g.push.apply(h.__h,h.__k),h.__k=[],h.__h.length&&s.push(h),c=T(n);break e}h.componentWillUpdate&&h.componentWillUpdate(E,h.__s,k),D&&h.componentDidUpdate&&h.__h.push(function(){h.componentDidUpdate(_,y,S)})}else D&&!N.getDerivedStateFromProps&&h.componentWillMount&&h.componentWillMount(),D&&h.componentDidMount&&h.__h.push(h.componentDidMount);h.context=k,h.props=E,h.__P=e,h.__g&=-5,te=i.__r,ne=D?25:0;do h.__g&=-9,te&&te(t),d=h.render(h.props,h.state=h.__s,h.context);while(8&h.__g&&++ne<25);D&&(g.push.apply(h.__h,h.__k),h.__k=[]),h.state=h.__s,h.getChildContext&&(r=b({},r,h.getChildContext())),D&&n.__c&&h.getSnapshotBeforeUpdate&&(S=h.getSnapshotBeforeUpdate(_,y)),re=d&&d.type===C&&d.key==null?d.props.children:d,E.__P&&(d=c,a=(e=E.__P).namespaceURI,l=o=null,n.props&&n.props.__P!=e&&(n.__k.some(function(e){e&&le(e,e)}),n.__k=null),c=n.__k?T(n,0):null),c=ee(e,v(re)?re:[re],t,n,r,a,o,s,c,l,u),E.__P&&(t.__e=null,c=d),t.__u&=-161,f&&f.some(x),h.__h.length&&s.push(h),1&h.__g&&(h.__g&=-4)}catch(e){if(s.length=p,t.__v=null,l||o){if(e&&e.then){if(t.__u|=128|l,o){for(~(j=o.indexOf(c||void 0))||(j=o.length);(M=o[j-1])&&M.nodeType==8;)j--;for(;j<o.length;j++)if(M=o[j]){if(o[j]=null,A){if(M==ie)break}else{if(M.nodeType!=8)break;M.data.startsWith(`$s`)&&(ie=ae(A=M))}}}if(!A){for(;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;A=c}(d=ae(A=t.__c.__z||(t.__c.__z=A)))?(t.__e=A,c=d):t.__e=c,c&&=c.nextSibling}else o&&o.some(x)}else t.__e=n.__e;t.__k||=n.__k||[],e&&e.then||oe(t),i.__e(e,t,n)}}else c=t.__e=se(n.__e,t,n,r,a,o,s,l,u,e);return(d=i.diffed)&&d(t),c}function ae(e,t){if(e&&e.nodeType==8&&e.data.startsWith(`$s`))for(var n=1;e=e.nextSibling;){if(e.nodeType==8){if(e.data.startsWith(`$s`))n++;else if(e.data.startsWith(`/$s`)&&!--n)return e}t&&t.push(e)}}function oe(e){e&&(e.__c&&(e.__c.__g|=4),e.__k&&e.__k.some(oe))}function N(e,t,n){for(var r=0;r<n.length;)ce(n[r++],n[r++],n[r++]);i.__c&&i.__c(t,e),e.some(function(t){try{e=t.__h,t.__h=[],e.some(function(e){e.call(t)})}catch(e){i.__e(e,t.__v)}})}function se(e,t,n,r,a,o,s,c,l,u){var d,f,p,m,g,b,S,C,w=n.props||h,E=t.props,D=t.type;if(D==`svg`?a=`http://www.w3.org/2000/svg`:D==`math`?a=`http://www.w3.org/1998/Math/MathML`:a||=`http://www.w3.org/1999/xhtml`,o){for(d=0;d<o.length;d++)if((g=o[d])&&(D?g.localName==D:g.nodeType==3)){e=g,o[d]=null;break}}if(!e){if(C=u.ownerDocument||document,!D)return C.createTextNode(E);e=C.createElementNS(a,D,E.is?E:u),c&&=(i.__m&&i.__m(t,o),!1),o=null}if(D){if(u=D==`template`&&e.content||e,o=D==`textarea`&&E.defaultValue!=null?null:o&&y.call(u.childNodes),!c&&o)for(w={},d=0;d<e.attributes.length;d++)w[(g=e.attributes[d]).name]=g.value;for(d in w)g=w[d],d==`dangerouslySetInnerHTML`?p=g:d==`children`||d in E||d==`value`&&`defaultValue`in E||d==`checked`&&`defaultChecked`in E||ie(e,d,null,g,a);for(d in E)g=E[d],d==`children`?m=g:d==`dangerouslySetInnerHTML`?f=g:d==`value`?b=g:d==`checked`?S=g:c&&typeof g!=`function`||w[d]===g||ie(e,d,g,w[d],a);f?(c||p&&(f.__html==p.__html||f.__html==e.innerHTML)||(e.innerHTML=f.__html),t.__k=[]):(p&&(e.textContent=``),(D==`foreignObject`||a==`http://www.w3.org/1998/Math/MathML`&&_.test(D))&&(a=`http://www.w3.org/1999/xhtml`),ee(u,v(m)?m:[m],t,n,r,a,o,s,o?o[0]:n.__k&&T(n,0),c,l),o&&o.some(x)),c&&D!=`textarea`||(d=`value`,D==`progress`&&b==null?e.removeAttribute(d):b==null||b===e[d]&&(D!=`progress`||b)||ie(e,d,b,w[d],a),d=`checked`,S!=null&&S!=e[d]&&ie(e,d,S,w[d],a))}else w===E||c&&e.data==E||(e.data=E);return e}function ce(e,t,n,r){try{typeof e==`function`?t?t.__x=e(t)||1:(r&&=r.__c||r.__e)&&(t=r.__x)&&(r.__x=null,typeof t==`function`?t():e(null)):e.current=t}catch(e){i.__e(e,n)}}function le(e,t,n){var r,a,o,s;if(i.unmount&&i.unmount(e),!(r=e.ref)||r.current&&r.current!=e.__e||ce(r,null,t,e),r=e.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(e){i.__e(e,t)}r.__P=r.__n=null}if(r=e.__k)for(s=0;s<r.length;s++)r[s]&&le(r[s],t,typeof e.type!=`function`||n&&!e.props.__P);!n&&(r=e.__c)&&(r=r.__z)&&(a=ae(r,o=[]))&&(r==e.__e&&o.some(x),x(a),x(r)),n||x(e.__e),e.__e=e.__c=e.__=null}function ue(e,t,n){return this.constructor(e,n)}function de(e,t){var n,r,a,o;i.__&&i.__(e,t),t.nodeType==9&&(t=t.documentElement),r=(n=e&&32&e.__u)?null:t.__k,t.__k=S(C,{children:[e]}),a=[],o=[],M(t,t.__k,r||h,h,t.namespaceURI,r?null:t.firstChild?y.call(t.childNodes):null,a,r?r.__e:t.firstChild,n,o),N(a,t.__k,o),t.__k.props.children=null}i={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!(1&i.__g)){i.__g|=4;try{if((o=(a=i.constructor)&&a.getDerivedStateFromError)&&i.setState(a.getDerivedStateFromError(e)),i.componentDidCatch&&(i.componentDidCatch(e,r||{}),o=1),o&&8&i.__g)return void(i.__g|=2)}catch(t){e=t}}throw c=0,e}},a=0,w.prototype.setState=function(e,t){var n=this.__s;n&&n!=this.state||(n=this.__s=b({},this.state)),typeof e==`function`&&(e=e(b({},n),this.props)),e&&(b(n,e),this.__v&&(t&&this.__k.push(t),O(this)))},w.prototype.forceUpdate=function(e){this.__v&&(this.__g|=4,e&&this.__h.push(e),O(this))},w.prototype.render=C,o=[],c=0,l=function(e,t){return e.__v.__b-t.__v.__b},u=Symbol(),d=/(PointerCapture)$|Capture$/i,f=0,p={};var P,F,fe,pe,me=Object.is,he=0,ge=[],_e=[],I=i,ve=I.__b,ye=I.__r,be=I.diffed,xe=I.__c,Se=I.unmount,Ce=I.__;function we(e,t){I.__h&&I.__h(F,e,he||t),he=0;var n=F.__H||(F.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function L(e){return he=1,Te(Le,e)}function Te(e,t,n){var r=we(P++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):Le(void 0,t),function(e){var t=(r.__N||r.__)[0],n=r.t(t,e);me(t,n)||(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=F,!F.__f)){F.__f=!0;var i=F.shouldComponentUpdate;F.shouldComponentUpdate=function(e,t,n){var r=this.__H;if(!r)return!0;var a=!1,o=this.props!=e;if(r.__.some(function(e){e.__N&&(a=!0,me(e.__[0],e.__N[0])||(o=!0))}),i){var s=i.call(this,e,t,n);return a?s||o:s}return!a||o}}return r.__}function R(e,t){var n=we(P++,3);!I.__s&&Ie(n.__H,t)&&(n.__P=!0,n.__=e,n.u=t,F.__H.__h.push(n))}function Ee(e,t){var n=we(P++,4);!I.__s&&Ie(n.__H,t)&&(n.__P=!1,n.__=e,n.u=t,F.__h.push(n))}function De(e){return he=5,Oe(function(){return{current:e}},[])}function Oe(e,t){var n=we(P++,7);return Ie(n.__H,t)&&(n.__=e(),n.__H=t),n.__}function ke(){var e=we(P++,11);if(!e.__){for(var t=F.__v;!t.__m&&t.__;)t=t.__;var n=t.__m||(t.__m=[0,0]);e.__=`P`+n[0]+`-`+n[1]++}return e.__}function Ae(){var e;do{for(;e=_e.shift();)try{Pe(e)}catch(t){I.__e(t,{__:(e=e.__P)&&e.__v})}for(;e=ge.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(Pe),t.__h.some(Fe),t.__h=[]}catch(n){t.__h=[],I.__e(n,e.__v)}}}while(_e.length)}I.__b=function(e){F=null,ve&&ve(e)},I.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),Ce&&Ce(e,t)},I.__r=function(e){ye&&ye(e),P=0;var t=(F=e.__c).__H;t&&(fe==F?F.__h=[]:(t.__h.some(Pe),t.__h.some(Fe),P=0),t.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})),fe=F},I.diffed=function(e){be&&be(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&Ne(ge.push(t)),t.__H.__.some(function(e){e.u&&(e.__H=e.u)})),fe=F=null},I.__c=function(e,t){t.some(function(e){try{e.__h.some(Pe),e.__h=e.__h.filter(function(e){return!e.__||Fe(e)})}catch(t){e.__h=[function(){throw t}]}}),xe&&xe(e,t)},I.unmount=function(e){Se&&Se(e);var t,n,r=e.__c;r&&r.__H&&(r.__H.__.some(function(r){try{if(r.__P&&r.__c){if(n===void 0){for(n=e.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n&&=n.__c}r.__P=n,Ne(_e.push(r))}else Pe(r)}catch(e){t=e}}),r.__H=void 0,t&&I.__e(t,r.__v))};var je=typeof requestAnimationFrame==`function`;function Me(e){var t,n=function(){clearTimeout(r),je&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);je&&(t=requestAnimationFrame(n))}function Ne(e){e!=1&&pe==I.requestAnimationFrame||((pe=I.requestAnimationFrame)||Me)(Ae)}function Pe(e){var t=F,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),F=t}function Fe(e){var t=F;e.__c=e.__(),F=t}function Ie(e,t){return!e||e.length!=t.length||t.some(function(t,n){return!me(t,e[n])})}function Le(e,t){return typeof t==`function`?t(e):t}var z=class e extends Error{code;extensions;retryAfter;field;constructor(e,t,n={}){super(t),this.name=`ApiError`,this.code=e,this.extensions=n;let r=Number(n.retryAfter);this.retryAfter=Number.isFinite(r)&&r>0?Math.ceil(r):null,this.field=typeof n.field==`string`?n.field:null}static from(t){let n=t.extensions??{},r=typeof n.code==`string`?n.code:`INTERNAL`;return new e(r,t.message,n)}};function Re(e){let t=e.trim();if(!t)return`Something went wrong.`;let n=t.charAt(0).toUpperCase()+t.slice(1);return/[.!?]$/.test(n)?n:`${n}.`}function ze(e){if(!(e instanceof z))return`Something went wrong in the page. Reload it and try again.`;let t=e.message.toLowerCase();switch(e.code){case`NETWORK`:return`Cannot reach the server. Check the connection and try again.`;case`RATE_LIMITED`:return e.retryAfter?`Too many attempts. Try again in ${e.retryAfter} seconds.`:Re(e.message);case`UNAUTHENTICATED`:return t.includes(`incorrect email or password`)?`The email or password is not right.`:t.includes(`disabled`)?`This account has been disabled. Ask an administrator to enable it again.`:`Your session has ended. Sign in again.`;case`FORBIDDEN`:return t.includes(`disabled`)?`This account has been disabled. Ask an administrator to enable it again.`:Re(`You are not allowed to do that: ${e.message}`);case`NOT_FOUND`:return Re(`Not found: ${e.message}`);case`INTERNAL`:return`Something went wrong on the server. Try again; if it keeps happening, tell an administrator.`;default:return Re(e.message)}}var Be=()=>{};function Ve(e){Be=e}function He(e){Be(e)}function Ue(){let e=t();return e?{Authorization:`Bearer ${e}`}:{}}async function B(e,...[t]){let n={"Content-Type":`application/json`,Accept:`application/json`,...Ue()},r;try{r=await fetch(`/graphql`,{method:`POST`,headers:n,body:JSON.stringify({query:e.toString(),variables:t??{}})})}catch{throw new z(`NETWORK`,`network error`)}let i;try{i=await r.json()}catch{throw new z(r.status>=500?`INTERNAL`:`NETWORK`,`HTTP ${r.status}`)}let a=i.errors?.[0];if(a){let e=z.from(a);throw e.code===`UNAUTHENTICATED`&&`Authorization`in n&&Be(e.message),e}if(i.data==null)throw new z(`INTERNAL`,`empty response`);return i.data}var V=class extends String{__apiType;value;__meta__;constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}},We=new V(`
    fragment ImagePage on ImageConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}
    `,{fragmentName:`ImagePage`}),Ge={"\n  mutation SetQuota($userId: ID!, $maxPendingJobs: Int, $maxImagesPerDay: Int, $maxStorageBytes: Long) {\n    setQuota(userId: $userId, maxPendingJobs: $maxPendingJobs, maxImagesPerDay: $maxImagesPerDay, maxStorageBytes: $maxStorageBytes) {\n      id quota { maxPendingJobs maxImagesPerDay maxStorageBytes }\n    }\n  }\n":new V(`
    mutation SetQuota($userId: ID!, $maxPendingJobs: Int, $maxImagesPerDay: Int, $maxStorageBytes: Long) {
  setQuota(
    userId: $userId
    maxPendingJobs: $maxPendingJobs
    maxImagesPerDay: $maxImagesPerDay
    maxStorageBytes: $maxStorageBytes
  ) {
    id
    quota {
      maxPendingJobs
      maxImagesPerDay
      maxStorageBytes
    }
  }
}
    `),"\n  query AdminModels {\n    models { key name type base description isDefault defaults }\n  }\n":new V(`
    query AdminModels {
  models {
    key
    name
    type
    base
    description
    isDefault
    defaults
  }
}
    `),"\n  mutation InstallModel($input: ModelInstallInput!) {\n    installModel(input: $input) { key name type base description isDefault defaults }\n  }\n":new V(`
    mutation InstallModel($input: ModelInstallInput!) {
  installModel(input: $input) {
    key
    name
    type
    base
    description
    isDefault
    defaults
  }
}
    `),"\n  mutation UpdateModel($key: ID!, $defaults: JSON, $isDefault: Boolean) {\n    updateModel(key: $key, defaults: $defaults, isDefault: $isDefault) { key isDefault defaults }\n  }\n":new V(`
    mutation UpdateModel($key: ID!, $defaults: JSON, $isDefault: Boolean) {
  updateModel(key: $key, defaults: $defaults, isDefault: $isDefault) {
    key
    isDefault
    defaults
  }
}
    `),"\n  mutation DeleteModel($key: ID!) { deleteModel(key: $key) }\n":new V(`
    mutation DeleteModel($key: ID!) {
  deleteModel(key: $key)
}
    `),"\n  subscription ModelInstallProgress {\n    modelInstallProgress { source stage message }\n  }\n":new V(`
    subscription ModelInstallProgress {
  modelInstallProgress {
    source
    stage
    message
  }
}
    `),"\n  query AdminQueue($status: QueueItemStatus) {\n    queueStatus { paused policy pending inProgress completed failed canceled }\n    queueItems(status: $status, first: 50) {\n      id status createdAt ownerName isMine position error\n      params { prompt model width height steps }\n    }\n  }\n":new V(`
    query AdminQueue($status: QueueItemStatus) {
  queueStatus {
    paused
    policy
    pending
    inProgress
    completed
    failed
    canceled
  }
  queueItems(status: $status, first: 50) {
    id
    status
    createdAt
    ownerName
    isMine
    position
    error
    params {
      prompt
      model
      width
      height
      steps
    }
  }
}
    `),"\n  mutation PauseProcessor { pauseProcessor { paused policy } }\n":new V(`
    mutation PauseProcessor {
  pauseProcessor {
    paused
    policy
  }
}
    `),"\n  mutation ResumeProcessor { resumeProcessor { paused policy } }\n":new V(`
    mutation ResumeProcessor {
  resumeProcessor {
    paused
    policy
  }
}
    `),"\n  mutation SetQueuePolicy($policy: QueuePolicy!) {\n    setQueuePolicy(policy: $policy) { paused policy }\n  }\n":new V(`
    mutation SetQueuePolicy($policy: QueuePolicy!) {
  setQueuePolicy(policy: $policy) {
    paused
    policy
  }
}
    `),"\n  mutation AdminCancelItem($id: ID!) {\n    cancelQueueItem(id: $id) { id status }\n  }\n":new V(`
    mutation AdminCancelItem($id: ID!) {
  cancelQueueItem(id: $id) {
    id
    status
  }
}
    `),"\n  query AuditUsers { users { id displayName email } }\n":new V(`
    query AuditUsers {
  users {
    id
    displayName
    email
  }
}
    `),"\n  query AuditLog($first: Int = 50, $after: String, $actorId: ID, $action: String) {\n    auditLog(first: $first, after: $after, actorId: $actorId, action: $action) {\n      id at action targetType targetId detail ip cursor\n      actor { id displayName }\n    }\n  }\n":new V(`
    query AuditLog($first: Int = 50, $after: String, $actorId: ID, $action: String) {
  auditLog(first: $first, after: $after, actorId: $actorId, action: $action) {
    id
    at
    action
    targetType
    targetId
    detail
    ip
    cursor
    actor {
      id
      displayName
    }
  }
}
    `),"\n  query BoardShares($id: ID!) {\n    board(id: $id) {\n      id myAccess\n      owner { id displayName }\n      shares { access user { id displayName email } }\n    }\n  }\n":new V(`
    query BoardShares($id: ID!) {
  board(id: $id) {
    id
    myAccess
    owner {
      id
      displayName
    }
    shares {
      access
      user {
        id
        displayName
        email
      }
    }
  }
}
    `),"\n  mutation ShareBoard($boardId: ID!, $userId: ID!, $access: BoardAccess!) {\n    shareBoard(boardId: $boardId, userId: $userId, access: $access) {\n      id myAccess\n      owner { id displayName }\n      shares { access user { id displayName email } }\n    }\n  }\n":new V(`
    mutation ShareBoard($boardId: ID!, $userId: ID!, $access: BoardAccess!) {
  shareBoard(boardId: $boardId, userId: $userId, access: $access) {
    id
    myAccess
    owner {
      id
      displayName
    }
    shares {
      access
      user {
        id
        displayName
        email
      }
    }
  }
}
    `),"\n  mutation UnshareBoard($boardId: ID!, $userId: ID!) {\n    unshareBoard(boardId: $boardId, userId: $userId) {\n      id myAccess\n      owner { id displayName }\n      shares { access user { id displayName email } }\n    }\n  }\n":new V(`
    mutation UnshareBoard($boardId: ID!, $userId: ID!) {
  unshareBoard(boardId: $boardId, userId: $userId) {
    id
    myAccess
    owner {
      id
      displayName
    }
    shares {
      access
      user {
        id
        displayName
        email
      }
    }
  }
}
    `),"\n  query ShareDirectory {\n    users { id displayName email isActive }\n  }\n":new V(`
    query ShareDirectory {
  users {
    id
    displayName
    email
    isActive
  }
}
    `),"\n  query SetupStatus {\n    setupStatus { setupRequired multiuserEnabled passwordPolicy }\n  }\n":new V(`
    query SetupStatus {
  setupStatus {
    setupRequired
    multiuserEnabled
    passwordPolicy
  }
}
    `),"\n  query Me {\n    me { id displayName email isAdmin }\n  }\n":new V(`
    query Me {
  me {
    id
    displayName
    email
    isAdmin
  }
}
    `),"\n  mutation Setup($input: SetupInput!) {\n    setup(input: $input) { token expiresAt user { id displayName email isAdmin } }\n  }\n":new V(`
    mutation Setup($input: SetupInput!) {
  setup(input: $input) {
    token
    expiresAt
    user {
      id
      displayName
      email
      isAdmin
    }
  }
}
    `),"\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token expiresAt user { id displayName email isAdmin } }\n  }\n":new V(`
    mutation Login($input: LoginInput!) {
  login(input: $input) {
    token
    expiresAt
    user {
      id
      displayName
      email
      isAdmin
    }
  }
}
    `),"\n  mutation Logout { logout }\n":new V(`
    mutation Logout {
  logout
}
    `),"\n  mutation LogoutEverywhere { logoutEverywhere }\n":new V(`
    mutation LogoutEverywhere {
  logoutEverywhere
}
    `),"\n  query GenerateForm {\n    models { key name type base description isDefault defaults }\n    stylePresets(first: 100) { id name positivePrompt negativePrompt isPublic }\n    boards(first: 100) { id name myAccess archived owner { id displayName } }\n  }\n":new V(`
    query GenerateForm {
  models {
    key
    name
    type
    base
    description
    isDefault
    defaults
  }
  stylePresets(first: 100) {
    id
    name
    positivePrompt
    negativePrompt
    isPublic
  }
  boards(first: 100) {
    id
    name
    myAccess
    archived
    owner {
      id
      displayName
    }
  }
}
    `),"\n  mutation Enqueue($input: EnqueueInput!) {\n    enqueue(input: $input) {\n      batchId\n      items {\n        id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n        estimatedStartAt\n        params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n      }\n    }\n  }\n":new V(`
    mutation Enqueue($input: EnqueueInput!) {
  enqueue(input: $input) {
    batchId
    items {
      id
      batchId
      status
      cost
      createdAt
      startedAt
      completedAt
      isMine
      ownerName
      error
      position
      estimatedStartAt
      params {
        prompt
        negativePrompt
        model
        width
        height
        steps
        cfgScale
        scheduler
        seed
        boardId
      }
    }
  }
}
    `),"\n  query QueuePage {\n    queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n    running: queueItems(status: IN_PROGRESS, first: 10) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n    pending: queueItems(status: PENDING, first: 100) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n  }\n":new V(`
    query QueuePage {
  queueStatus {
    paused
    policy
    pending
    inProgress
    completed
    failed
    canceled
    myPending
    myInProgress
  }
  running: queueItems(status: IN_PROGRESS, first: 10) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
  pending: queueItems(status: PENDING, first: 100) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
}
    `),"\n  subscription QueueEvents($since: String) {\n    queueEvents(since: $since) {\n      __typename\n      ... on QueueItemStatusChanged {\n        cursor\n        item {\n          id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n          estimatedStartAt\n          params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n        }\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on BatchEnqueued {\n        cursor batchId itemCount\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on QueueCleared {\n        cursor\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on ProcessorStateChanged {\n        cursor\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n    }\n  }\n":new V(`
    subscription QueueEvents($since: String) {
  queueEvents(since: $since) {
    __typename
    ... on QueueItemStatusChanged {
      cursor
      item {
        id
        batchId
        status
        cost
        createdAt
        startedAt
        completedAt
        isMine
        ownerName
        error
        position
        estimatedStartAt
        params {
          prompt
          negativePrompt
          model
          width
          height
          steps
          cfgScale
          scheduler
          seed
          boardId
        }
      }
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on BatchEnqueued {
      cursor
      batchId
      itemCount
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on QueueCleared {
      cursor
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on ProcessorStateChanged {
      cursor
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
  }
}
    `),"\n  subscription Progress {\n    generationProgress { queueItemId batchId step totalSteps percentage preview }\n  }\n":new V(`
    subscription Progress {
  generationProgress {
    queueItemId
    batchId
    step
    totalSteps
    percentage
    preview
  }
}
    `),"\n  subscription ImageAdded {\n    imageAdded {\n      image {\n        id width height starred createdAt queueItemId url thumbnailUrl\n        owner { id displayName }\n        board { id name }\n      }\n    }\n  }\n":new V(`
    subscription ImageAdded {
  imageAdded {
    image {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}
    `),"\n  mutation CancelItem($id: ID!) {\n    cancelQueueItem(id: $id) { id status }\n  }\n":new V(`
    mutation CancelItem($id: ID!) {
  cancelQueueItem(id: $id) {
    id
    status
  }
}
    `),"\n  mutation RetryItems($ids: [ID!]!) {\n    retryQueueItems(ids: $ids) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n  }\n":new V(`
    mutation RetryItems($ids: [ID!]!) {
  retryQueueItems(ids: $ids) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
}
    `),"\n  mutation ClearQueue { clearQueue }\n":new V(`
    mutation ClearQueue {
  clearQueue
}
    `),"\n  fragment ImagePage on ImageConnection {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges {\n      cursor\n      node {\n        id width height starred createdAt queueItemId url thumbnailUrl\n        owner { id displayName }\n        board { id name }\n      }\n    }\n  }\n":We,"\n  query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {\n    boards(first: 100) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {\n      ...ImagePage\n    }\n  }\n":new V(`
    query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {
  boards(first: 100) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
  images(
    boardId: $boardId
    uncategorized: $uncategorized
    first: 100
    after: $after
  ) {
    ...ImagePage
  }
}
    fragment ImagePage on ImageConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}`),"\n  query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {\n    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {\n      ...ImagePage\n    }\n  }\n":new V(`
    query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {
  images(
    boardId: $boardId
    uncategorized: $uncategorized
    first: 100
    after: $after
  ) {
    ...ImagePage
  }
}
    fragment ImagePage on ImageConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}`),"\n  query ImageDetail($id: ID!) {\n    image(id: $id) {\n      id width height sizeBytes starred createdAt metadata queueItemId url thumbnailUrl\n      owner { id displayName }\n      board { id name myAccess }\n    }\n  }\n":new V(`
    query ImageDetail($id: ID!) {
  image(id: $id) {
    id
    width
    height
    sizeBytes
    starred
    createdAt
    metadata
    queueItemId
    url
    thumbnailUrl
    owner {
      id
      displayName
    }
    board {
      id
      name
      myAccess
    }
  }
}
    `),"\n  mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {\n    updateImage(id: $id, starred: $starred, boardId: $boardId, clearBoard: $clearBoard) {\n      id starred board { id name myAccess }\n    }\n  }\n":new V(`
    mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {
  updateImage(
    id: $id
    starred: $starred
    boardId: $boardId
    clearBoard: $clearBoard
  ) {
    id
    starred
    board {
      id
      name
      myAccess
    }
  }
}
    `),"\n  mutation DeleteImages($ids: [ID!]!) {\n    deleteImages(ids: $ids)\n  }\n":new V(`
    mutation DeleteImages($ids: [ID!]!) {
  deleteImages(ids: $ids)
}
    `),"\n  query Boards {\n    boards(first: 100) { id name myAccess archived owner { id displayName } }\n  }\n":new V(`
    query Boards {
  boards(first: 100) {
    id
    name
    myAccess
    archived
    owner {
      id
      displayName
    }
  }
}
    `),"\n  mutation CreateBoard($name: String!) {\n    createBoard(name: $name) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n  }\n":new V(`
    mutation CreateBoard($name: String!) {
  createBoard(name: $name) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
}
    `),"\n  mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {\n    updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n  }\n":new V(`
    mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {
  updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
}
    `),"\n  mutation DeleteBoard($id: ID!) {\n    deleteBoard(id: $id)\n  }\n":new V(`
    mutation DeleteBoard($id: ID!) {
  deleteBoard(id: $id)
}
    `),"\n  query ProfilePage {\n    me { id displayName email isAdmin createdAt lastLoginAt }\n    sessions { id createdAt lastSeenAt expiresAt ip userAgent current }\n    apiTokens { id name scopes createdAt expiresAt lastUsedAt }\n  }\n":new V(`
    query ProfilePage {
  me {
    id
    displayName
    email
    isAdmin
    createdAt
    lastLoginAt
  }
  sessions {
    id
    createdAt
    lastSeenAt
    expiresAt
    ip
    userAgent
    current
  }
  apiTokens {
    id
    name
    scopes
    createdAt
    expiresAt
    lastUsedAt
  }
}
    `),"\n  mutation UpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) { id displayName email isAdmin }\n  }\n":new V(`
    mutation UpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) {
    id
    displayName
    email
    isAdmin
  }
}
    `),"\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }\n":new V(`
    mutation RevokeSession($id: ID!) {
  revokeSession(id: $id)
}
    `),"\n  mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {\n    createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {\n      token\n      apiToken { id name scopes createdAt expiresAt lastUsedAt }\n    }\n  }\n":new V(`
    mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {
  createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
    token
    apiToken {
      id
      name
      scopes
      createdAt
      expiresAt
      lastUsedAt
    }
  }
}
    `),"\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) }\n":new V(`
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id)
}
    `),"\n  query AdminUsersPage {\n    users {\n      id displayName email isAdmin isActive createdAt lastLoginAt\n      stats { boardCount imageCount storageBytes pendingJobs }\n      quota { maxPendingJobs maxImagesPerDay maxStorageBytes }\n    }\n  }\n":new V(`
    query AdminUsersPage {
  users {
    id
    displayName
    email
    isAdmin
    isActive
    createdAt
    lastLoginAt
    stats {
      boardCount
      imageCount
      storageBytes
      pendingJobs
    }
    quota {
      maxPendingJobs
      maxImagesPerDay
      maxStorageBytes
    }
  }
}
    `),"\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id }\n  }\n":new V(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    id
  }
}
    `),"\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) { id displayName isAdmin isActive }\n  }\n":new V(`
    mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) {
    id
    displayName
    isAdmin
    isActive
  }
}
    `),"\n  mutation DeleteUser($id: ID!) { deleteUser(id: $id) }\n":new V(`
    mutation DeleteUser($id: ID!) {
  deleteUser(id: $id)
}
    `),"\n  mutation UnlockUser($id: ID!) { unlockUser(id: $id) { id } }\n":new V(`
    mutation UnlockUser($id: ID!) {
  unlockUser(id: $id) {
    id
  }
}
    `),"\n  mutation UploadImage($file: Upload!, $boardId: ID) {\n    uploadImage(file: $file, boardId: $boardId) {\n      id width height starred createdAt queueItemId url thumbnailUrl\n      owner { id displayName }\n      board { id name }\n    }\n  }\n":new V(`
    mutation UploadImage($file: Upload!, $boardId: ID) {
  uploadImage(file: $file, boardId: $boardId) {
    id
    width
    height
    starred
    createdAt
    queueItemId
    url
    thumbnailUrl
    owner {
      id
      displayName
    }
    board {
      id
      name
    }
  }
}
    `)};function H(e){return Ge[e]??{}}var Ke=H(`
  query SetupStatus {
    setupStatus { setupRequired multiuserEnabled passwordPolicy }
  }
`),qe=H(`
  query Me {
    me { id displayName email isAdmin }
  }
`),Je=H(`
  mutation Setup($input: SetupInput!) {
    setup(input: $input) { token expiresAt user { id displayName email isAdmin } }
  }
`),Ye=H(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { token expiresAt user { id displayName email isAdmin } }
  }
`),Xe=H(`
  mutation Logout { logout }
`),Ze=H(`
  mutation LogoutEverywhere { logoutEverywhere }
`),Qe=H(`
  query GenerateForm {
    models { key name type base description isDefault defaults }
    stylePresets(first: 100) { id name positivePrompt negativePrompt isPublic }
    boards(first: 100) { id name myAccess archived owner { id displayName } }
  }
`),$e=H(`
  mutation Enqueue($input: EnqueueInput!) {
    enqueue(input: $input) {
      batchId
      items {
        id batchId status cost createdAt startedAt completedAt isMine ownerName error position
        estimatedStartAt
        params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
      }
    }
  }
`),et=H(`
  query QueuePage {
    queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
    running: queueItems(status: IN_PROGRESS, first: 10) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
    pending: queueItems(status: PENDING, first: 100) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
  }
`),tt=H(`
  subscription QueueEvents($since: String) {
    queueEvents(since: $since) {
      __typename
      ... on QueueItemStatusChanged {
        cursor
        item {
          id batchId status cost createdAt startedAt completedAt isMine ownerName error position
          estimatedStartAt
          params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
        }
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on BatchEnqueued {
        cursor batchId itemCount
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on QueueCleared {
        cursor
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on ProcessorStateChanged {
        cursor
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
    }
  }
`),nt=H(`
  subscription Progress {
    generationProgress { queueItemId batchId step totalSteps percentage preview }
  }
`),rt=H(`
  subscription ImageAdded {
    imageAdded {
      image {
        id width height starred createdAt queueItemId url thumbnailUrl
        owner { id displayName }
        board { id name }
      }
    }
  }
`),it=H(`
  mutation CancelItem($id: ID!) {
    cancelQueueItem(id: $id) { id status }
  }
`),at=H(`
  mutation RetryItems($ids: [ID!]!) {
    retryQueueItems(ids: $ids) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
  }
`),ot=H(`
  mutation ClearQueue { clearQueue }
`);H(`
  fragment ImagePage on ImageConnection {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id width height starred createdAt queueItemId url thumbnailUrl
        owner { id displayName }
        board { id name }
      }
    }
  }
`);var st=H(`
  query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {
    boards(first: 100) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {
      ...ImagePage
    }
  }
`),ct=H(`
  query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {
    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {
      ...ImagePage
    }
  }
`),lt=H(`
  query ImageDetail($id: ID!) {
    image(id: $id) {
      id width height sizeBytes starred createdAt metadata queueItemId url thumbnailUrl
      owner { id displayName }
      board { id name myAccess }
    }
  }
`),ut=H(`
  mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {
    updateImage(id: $id, starred: $starred, boardId: $boardId, clearBoard: $clearBoard) {
      id starred board { id name myAccess }
    }
  }
`),dt=H(`
  mutation DeleteImages($ids: [ID!]!) {
    deleteImages(ids: $ids)
  }
`),ft=H(`
  query Boards {
    boards(first: 100) { id name myAccess archived owner { id displayName } }
  }
`),pt=H(`
  mutation CreateBoard($name: String!) {
    createBoard(name: $name) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
  }
`),mt=H(`
  mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {
    updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
  }
`),ht=H(`
  mutation DeleteBoard($id: ID!) {
    deleteBoard(id: $id)
  }
`),gt=H(`
  query ProfilePage {
    me { id displayName email isAdmin createdAt lastLoginAt }
    sessions { id createdAt lastSeenAt expiresAt ip userAgent current }
    apiTokens { id name scopes createdAt expiresAt lastUsedAt }
  }
`),_t=H(`
  mutation UpdateMe($input: UpdateMeInput!) {
    updateMe(input: $input) { id displayName email isAdmin }
  }
`),vt=H(`
  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }
`),yt=H(`
  mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {
    createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
      token
      apiToken { id name scopes createdAt expiresAt lastUsedAt }
    }
  }
`),bt=H(`
  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) }
`),xt=H(`
  query AdminUsersPage {
    users {
      id displayName email isAdmin isActive createdAt lastLoginAt
      stats { boardCount imageCount storageBytes pendingJobs }
      quota { maxPendingJobs maxImagesPerDay maxStorageBytes }
    }
  }
`),St=H(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { id }
  }
`),Ct=H(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) { id displayName isAdmin isActive }
  }
`),wt=H(`
  mutation DeleteUser($id: ID!) { deleteUser(id: $id) }
`),Tt=H(`
  mutation UnlockUser($id: ID!) { unlockUser(id: $id) { id } }
`),Et=null,Dt=`connecting`,Ot=new Set,kt=!1;function At(e,t=!1){Dt=e;for(let n of Ot)n(e,t)}function jt(e){return Ot.add(e),()=>Ot.delete(e)}function Mt(){if(Et)return Et;let e=location.protocol===`https:`?`wss:`:`ws:`;return Et=r({url:`${e}//${location.host}/graphql`,lazy:!0,lazyCloseTimeout:2e3,keepAlive:2e4,retryAttempts:1/0,retryWait:async e=>new Promise(t=>setTimeout(t,Math.min(15e3,1e3*2**e)*(.75+Math.random()/2))),shouldRetry:e=>{let t=e?.code;return t!==4401&&t!==4403},connectionParams:()=>{let e=t();return e?{authorization:`Bearer ${e}`}:{}},on:{connecting:()=>At(Dt===`online`?`offline`:Dt),connected:()=>{let e=kt;kt=!0,At(`online`,e)},closed:e=>{let t=e;t?.code===4401&&He(t.reason||`session has ended`),Dt===`online`&&At(`offline`)}}}),Et}function Nt(){let e=Et;Et=null,kt=!1,Dt=`connecting`,e?.dispose()}function Pt(e,n,r){let i=e=>{e.code===`UNAUTHENTICATED`&&t()&&He(e.message),r.error?.(e)};return Mt().subscribe({query:e.toString(),variables:n},{next:e=>{let t=e.errors?.[0];t?i(z.from(t)):e.data&&r.next(e.data)},error:e=>{if(Array.isArray(e)&&e[0])i(z.from(e[0]));else if(e&&typeof e==`object`&&`code`in e){let t=e;i(new z(t.code===4401?`UNAUTHENTICATED`:`NETWORK`,t.reason||`closed`))}else i(new z(`NETWORK`,`subscription failed`))},complete:()=>r.complete?.()})}function Ft(e){let t=e,n=new Set;return{get:()=>t,set(e){let r=typeof e==`function`?e(t):e;if(!Object.is(r,t)){t=r;for(let e of[...n])e(t)}},subscribe(e){return n.add(e),()=>n.delete(e)}}}function U(e){let[t,n]=L(e.get);return R(()=>(n(()=>e.get()),e.subscribe(e=>n(()=>e))),[e]),t}var It=()=>({status:null,items:new Map,progress:new Map,recentImages:[],connection:`connecting`,notice:null,error:null}),Lt=Ft(It()),Rt=50,zt=12,Bt=null,Vt=[],Ht=null,Ut=0,Wt=0,Gt=0,Kt=new Map,qt=new Set;function W(e){Lt.set(t=>({...t,...e(t)}))}function Jt(e){let t=[...e.values()].filter(e=>e.status!==`PENDING`&&e.status!==`IN_PROGRESS`);if(t.length<=Rt)return e;t.sort((e,t)=>(e.completedAt??e.createdAt).localeCompare(t.completedAt??t.createdAt));let n=new Map(e);for(let e of t.slice(0,t.length-Rt))n.delete(e.id);return n}function Yt(e){let t=performance.now();for(let n of e)Kt.set(n.id,t);W(t=>{let n=new Map(t.items);for(let t of e)n.set(t.id,t);return{items:Jt(n)}})}async function Xt(){let e=performance.now();Ut=Date.now();try{let t=await B(et);W(n=>{let r=new Map,i=new Map([...t.running,...t.pending].map(e=>[e.id,e]));for(let[t,a]of n.items)((Kt.get(t)??0)>e||!i.has(t)&&a.status!==`PENDING`&&a.status!==`IN_PROGRESS`)&&r.set(t,a);for(let[e,t]of i)r.has(e)||r.set(e,t);return{items:Jt(r),status:t.queueStatus,error:null}})}catch(e){if(e instanceof z&&e.code===`UNAUTHENTICATED`)return;W(()=>({error:`Could not load the queue. Retrying…`})),Zt(5e3)}}function Zt(e=0){if(Ht)return;let t=Math.max(e,1e3-(Date.now()-Ut));Ht=setTimeout(()=>{Ht=null,Xt()},t)}function Qt(e){let t=e.queueEvents;if(Bt=t.cursor,performance.now()<Wt&&(Gt+=1),t.__typename===`QueueItemStatusChanged`){let e=t.item;Yt([e]),e.status!==`IN_PROGRESS`&&W(t=>{if(!t.progress.has(e.id))return{};let n=new Map(t.progress);return n.delete(e.id),{progress:n}})}W(()=>({status:t.queueStatus})),Zt()}function $t(e){let t=e.generationProgress,n=performance.now();W(e=>{let r=new Map(e.progress),i=r.get(t.queueItemId);return r.set(t.queueItemId,{...t,preview:t.preview??i?.preview??null,receivedAt:n,firstAt:i?.firstAt??n,firstStep:i?.firstStep??t.step}),{progress:r}})}function en(e){let t=e.imageAdded.image;W(e=>({recentImages:[t,...e.recentImages.filter(e=>e.id!==t.id)].slice(0,zt)}));for(let e of qt)e(t)}function tn(e){return qt.add(e),()=>qt.delete(e)}function nn(e){let t=!1,n=null,r=a=>{t||n||a?.code===`UNAUTHENTICATED`||(n=setTimeout(()=>{n=null,t||(i=e(r))},1e3))},i=e(r);return()=>{t=!0,n&&clearTimeout(n),i()}}function rn(){an(),Lt.set(It()),Bt=null,Xt();let e={get since(){return Bt}};Vt=[nn(t=>Pt(tt,e,{next:Qt,error:t,complete:t})),nn(e=>Pt(nt,{},{next:$t,error:e,complete:e})),nn(e=>Pt(rt,{},{next:en,error:e,complete:e})),jt((e,t)=>{W(()=>({connection:e,...e===`offline`?{notice:null}:{}})),t&&(Gt=0,Wt=performance.now()+1500,setTimeout(()=>{let e=Gt;W(()=>({notice:e>0?`Reconnected. Caught up on ${e} queue ${e===1?`change`:`changes`} missed while offline.`:`Reconnected.`})),Xt()},1500))})]}function an(){for(let e of Vt)e();Vt=[],Ht&&clearTimeout(Ht),Ht=null,Kt.clear()}function on(){Xt()}var sn=Ft(window.location.pathname+window.location.search);function G(e,t=!1){e!==sn.get()&&(t?history.replaceState(null,``,e):history.pushState(null,``,e),sn.set(e),window.scrollTo(0,0))}window.addEventListener(`popstate`,()=>sn.set(window.location.pathname+window.location.search));function cn(){let[e,t=``]=U(sn).split(`?`);return{path:e||`/`,query:new URLSearchParams(t)}}function K(e){e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey||(e.preventDefault(),G(e.currentTarget.getAttribute(`href`)??`/`))}var q=Ft({kind:`loading`}),ln=``;function un(){return ln}var dn=new Set;function fn(e){return dn.add(e),()=>dn.delete(e)}function pn(e){n(),Nt();for(let e of[...dn])e();q.set({kind:`signin`,policy:ln,notice:e})}function mn(e){let t=e.toLowerCase();return t.includes(`disabled`)?`Your account has been disabled, so you were signed out.`:t.includes(`expired`)?`Your session expired. Sign in again.`:`Your session has ended: signed out elsewhere, your password or account was changed, or the server's keys were rotated. Sign in again.`}Ve(e=>{q.get().kind===`app`&&pn(mn(e))});async function hn(){try{let e=B(qe);e.catch(()=>{});let{setupStatus:r}=await B(Ke);if(ln=r.passwordPolicy,!r.multiuserEnabled){let{me:t}=await e;q.set({kind:`app`,viewer:t,multiuser:!1});return}if(r.setupRequired){n(),q.set({kind:`setup`,policy:ln});return}if(!t()){q.set({kind:`signin`,policy:ln,notice:null});return}try{let{me:t}=await e;q.set({kind:`app`,viewer:t,multiuser:!0})}catch(e){if(e instanceof z&&e.code===`UNAUTHENTICATED`){pn(mn(e.message));return}throw e}}catch(e){q.set({kind:`unreachable`,message:ze(e)})}}function gn(t,n,r){e(t,n),Nt(),q.set({kind:`app`,viewer:r,multiuser:!0})}async function _n(e){try{await B(e?Ze:Xe)}catch{}pn(e?`You were signed out on every device.`:`You are signed out.`)}function vn(){let e=()=>{document.visibilityState===`visible`&&B(qe).catch(()=>{})},t=setInterval(e,6e4);return document.addEventListener(`visibilitychange`,e),()=>{clearInterval(t),document.removeEventListener(`visibilitychange`,e)}}var yn=Symbol.for(`pv`),bn=0;Array.isArray;function J(e,t,n,r,a,o){t||={};var s,c,l=t;if(`ref`in l&&typeof e!=`function`)for(c in l={},t)c==`ref`?s=t[c]:l[c]=t[c];var u={type:e,props:l,key:n,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:yn,__v:--bn,__i:-1,__u:0};return(a||o)&&(u.__source=a,u.__self=o),i.vnode&&i.vnode(u),u}function Y(e){let t=ke(),n=e.hint?`${t}-hint`:void 0;return J(`div`,{class:`field ${e.class??``}`,children:[J(`label`,{for:t,children:e.label}),e.children(t,n),e.hint?J(`div`,{class:`hint`,id:n,children:e.hint}):null]})}function xn(e){let t=e instanceof z&&e.code===`RATE_LIMITED`?e.retryAfter??0:0,[n,r]=L(t);return R(()=>{if(r(t),!t)return;let e=Date.now(),n=setInterval(()=>{let i=Math.max(0,t-Math.floor((Date.now()-e)/1e3));r(i),i===0&&clearInterval(n)},250);return()=>clearInterval(n)},[e,t]),n}function X(e){if(!e.error)return null;let t=e.error instanceof z&&e.error.code===`RATE_LIMITED`,n=ze(e.error);return t&&e.secondsLeft!==void 0&&(n=e.secondsLeft>0?`Too many attempts. Try again in ${e.secondsLeft} ${e.secondsLeft===1?`second`:`seconds`}.`:`You can try again now.`),J(`p`,{class:`message error`,role:`alert`,children:n})}function Z(e){return J(`p`,{class:`message ${e.tone??`info`}`,role:`status`,children:e.children})}function Q(e){return J(`p`,{class:`loading`,role:`status`,"aria-live":`polite`,children:[J(`span`,{class:`spinner`,"aria-hidden":`true`}),e.label]})}var Sn=4,Cn=new Intl.DateTimeFormat(void 0,{dateStyle:`medium`,timeStyle:`short`}),wn=class extends w{shouldComponentUpdate(e){let t=this.props;return e.image!==t.image||e.position!==t.position||e.total!==t.total}render(){let{image:e,position:t,total:n}=this.props,r=Cn.format(new Date(e.createdAt));return J(`li`,{"aria-posinset":t,"aria-setsize":n,children:J(`a`,{href:`/view/${e.id}`,onClick:K,class:`tile`,children:[J(`img`,{src:e.thumbnailUrl,alt:`Image ${e.width}×${e.height}, ${r}${e.starred?`, starred`:``}`,width:e.width,height:e.height,loading:`lazy`,decoding:`async`}),e.starred?J(`span`,{class:`star`,"aria-hidden":`true`,children:`★`}):null]})})}};function Tn(e,t){let n=getComputedStyle(e),r=parseFloat(n.columnGap)||0,i=parseFloat(n.getPropertyValue(`--tile-min`))||140,a=e.clientWidth,o=Math.max(1,Math.floor((a+r)/(i+r))),s=Math.max(1,(a-r*(o-1))/o),c=s+r,l=e.getBoundingClientRect().top,u=Math.ceil(t/o);return{cols:o,tile:s,gap:r,first:Math.max(0,Math.floor(-l/c)-Sn),last:Math.min(u,Math.ceil((window.innerHeight-l)/c)+Sn)}}var En=(e,t)=>e.cols===t.cols&&e.tile===t.tile&&e.gap===t.gap&&e.first===t.first&&e.last===t.last;function Dn(e){let t=De(null),[n,r]=L({cols:6,tile:140,gap:8,first:0,last:6}),i=e.images.length;Ee(()=>{let e=t.current;if(!e)return;let n=0,a=()=>{n=0;let t=Tn(e,i);r(e=>En(e,t)?e:t)},o=()=>{n||=requestAnimationFrame(a)};a(),window.addEventListener(`scroll`,o,{passive:!0}),window.addEventListener(`resize`,o);let s=`ResizeObserver`in window?new ResizeObserver(o):null;return s?.observe(e),()=>{cancelAnimationFrame(n),window.removeEventListener(`scroll`,o),window.removeEventListener(`resize`,o),s?.disconnect()}},[i]);let{cols:a,tile:o,gap:s,first:c,last:l}=n,u=o+s,d=Math.ceil(i/a),f=e.images.slice(c*a,l*a);return J(`ul`,{ref:t,class:`grid`,"aria-label":`Images`,style:{gridTemplateColumns:`repeat(${a}, minmax(0, 1fr))`,gridAutoRows:`${o}px`,paddingTop:`${c*u}px`,height:`${Math.max(0,d*u-s)}px`,boxSizing:`border-box`},children:f.map((e,t)=>J(wn,{image:e,position:c*a+t+1,total:i},e.id))})}var On=H(`
  query BoardShares($id: ID!) {
    board(id: $id) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`),kn=H(`
  mutation ShareBoard($boardId: ID!, $userId: ID!, $access: BoardAccess!) {
    shareBoard(boardId: $boardId, userId: $userId, access: $access) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`),An=H(`
  mutation UnshareBoard($boardId: ID!, $userId: ID!) {
    unshareBoard(boardId: $boardId, userId: $userId) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`),jn=H(`
  query ShareDirectory {
    users { id displayName email isActive }
  }
`),Mn=[`READ`,`WRITE`,`ADMIN`],Nn={READ:`can see the board and its images`,WRITE:`can also star, delete and add images`,ADMIN:`can also rename, archive and share the board`},Pn=/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;async function Fn(e,t){let n=e.trim();if(Pn.test(n))return n;if(!n.includes(`@`))throw new z(`BAD_USER_INPUT`,`Enter the person's user ID (they find it in their gallery) or, as an admin, their email.`);if(!t)throw new z(`BAD_USER_INPUT`,`Only admins can look people up by email. Ask them for their user ID: it is shown in their gallery.`);let{users:r}=await B(jn),i=r.find(e=>e.email.toLowerCase()===n.toLowerCase());if(!i)throw new z(`BAD_USER_INPUT`,`No user has the email ${n}.`);return i.id}function In(e){let{share:t}=e,[n,r]=L(null),i=t.user.email?`${t.user.displayName} (${t.user.email})`:t.user.displayName,a=async t=>{r(null);try{e.onChanged(await t())}catch(e){r(e)}};return J(`li`,{"aria-label":`${t.user.displayName}: ${t.access}`,class:`share-row`,children:[J(`span`,{class:`share-who`,children:i}),J(Y,{label:`Access`,class:`share-access`,children:n=>J(`select`,{id:n,value:t.access,onChange:n=>{let r=n.currentTarget.value;a(async()=>(await B(kn,{boardId:e.boardId,userId:t.user.id,access:r})).shareBoard)},children:Mn.map(e=>J(`option`,{value:e,children:e},e))})}),J(`button`,{type:`button`,class:`destructive`,onClick:()=>void a(async()=>(await B(An,{boardId:e.boardId,userId:t.user.id})).unshareBoard),children:`Remove share`}),J(X,{error:n})]})}function Ln(e){let[t,n]=L(null),[r,i]=L(``),[a,o]=L(`READ`),[s,c]=L(null),[l,u]=L(null),[d,f]=L(!1);R(()=>{n(null),c(null),u(null),B(On,{id:e.boardId}).then(e=>n(e.board??null),c)},[e.boardId]);let p=e=>{n(e),u(null)},m=`people-${e.boardId}`;return J(`section`,{class:`board-shares`,"aria-labelledby":`shares-${e.boardId}`,children:[J(`h2`,{id:`shares-${e.boardId}`,children:`Sharing`}),t&&t.shares.length===0?J(`p`,{class:`muted`,children:`Not shared with anyone.`}):null,t&&t.shares.length>0?J(`ul`,{class:`shares`,"aria-label":`People ${e.boardName} is shared with`,children:t.shares.map(t=>J(In,{boardId:e.boardId,share:t,onChanged:p},t.user.id))}):null,J(`form`,{class:`share-form`,"aria-label":`Share this board`,onSubmit:async t=>{if(t.preventDefault(),r.trim()&&!d){f(!0),c(null),u(null);try{let t=await Fn(r,e.isAdmin),{shareBoard:o}=await B(kn,{boardId:e.boardId,userId:t,access:a});n(o);let s=o.shares.find(e=>e.user.id===t)?.user.displayName??`them`;u(`Shared with ${s} (${a}).`),i(``)}catch(e){c(e)}finally{f(!1)}}},children:[J(Y,{label:`Share with`,hint:e.isAdmin?`Their email address or user ID.`:`Their user ID: they find it in their gallery, under Shared with me.`,children:(e,t)=>J(`input`,{id:e,type:`text`,list:m,autocomplete:`off`,"aria-describedby":t,value:r,onInput:e=>i(e.currentTarget.value)})}),J(`datalist`,{id:m,children:e.people.map(e=>J(`option`,{value:e.id,label:e.displayName},e.id))}),J(Y,{label:`Access`,hint:Nn[a],children:(e,t)=>J(`select`,{id:e,"aria-describedby":t,value:a,onChange:e=>o(e.currentTarget.value),children:Mn.map(e=>J(`option`,{value:e,children:e},e))})}),J(`button`,{type:`submit`,disabled:!r.trim()||d,children:`Share`})]}),J(X,{error:s}),l?J(Z,{tone:`ok`,children:l}):null]})}function Rn(e){let[t,n]=L(``),[r,i]=L(null),[a,o]=L(!1);return J(`form`,{class:`new-board`,onSubmit:async r=>{if(r.preventDefault(),t.trim()&&!a){o(!0),i(null);try{let{createBoard:r}=await B(pt,{name:t.trim()});n(``),e.onCreated(r)}catch(e){i(e)}finally{o(!1)}}},children:[J(Y,{label:`New board name`,children:e=>J(`input`,{id:e,type:`text`,maxLength:200,value:t,onInput:e=>n(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!t.trim()||a,children:`Create board`}),J(X,{error:r})]})}function zn(e){let{board:t}=e,[n,r]=L(null),i=!t.isPublic&&e.viewerId!==null;return J(`div`,{class:`access-note`,children:[t.myAccess===`READ`?J(Z,{children:[J(`strong`,{children:`Read only`}),`: `,t.owner.displayName,` shared this board with you to look at. You cannot rename it or change its images.`]}):J(Z,{children:[J(`strong`,{children:`You can add images`}),` to `,t.owner.displayName,`'s board and star or delete images in it.`]}),i?J(`button`,{type:`button`,onClick:async()=>{r(null);try{await B(An,{boardId:t.id,userId:e.viewerId??``}),e.onLeft(),G(`/gallery`)}catch(e){r(e)}},children:`Leave this board`}):null,J(X,{error:n})]})}function Bn(e){let{board:t}=e,[n,r]=L(t.name),[i,a]=L(null),[o,s]=L(!1);if(R(()=>{r(t.name),s(!1),a(null)},[t.id,t.name]),t.myAccess!==`OWNER`&&t.myAccess!==`ADMIN`)return J(zn,{board:t,viewerId:e.viewer?.id??null,onLeft:()=>e.onChanged(null)});let c=async n=>{a(null);try{let{updateBoard:r}=await B(mt,{id:t.id,...n});e.onChanged(r),r.archived&&G(`/gallery`)}catch(e){a(e)}};return J(C,{children:[J(`section`,{class:`board-settings`,"aria-label":`Board settings`,children:[J(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),n.trim()&&n.trim()!==t.name&&c({name:n.trim()})},children:[J(Y,{label:`Board name`,children:e=>J(`input`,{id:e,type:`text`,maxLength:200,value:n,onInput:e=>r(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!n.trim()||n.trim()===t.name,children:`Rename`})]}),J(`div`,{class:`check`,children:[J(`input`,{id:`public-${t.id}`,type:`checkbox`,checked:t.isPublic,onChange:e=>void c({isPublic:e.currentTarget.checked})}),J(`label`,{for:`public-${t.id}`,children:`Public (every signed-in user can see it)`})]}),J(`div`,{class:`actions`,children:[J(`button`,{type:`button`,onClick:()=>void c({archived:!0}),children:`Archive board`}),o?J(C,{children:[J(`button`,{type:`button`,class:`destructive`,onClick:async()=>{try{await B(ht,{id:t.id}),e.onChanged(null),G(`/gallery`)}catch(e){a(e)}},children:`Yes, delete the board`}),J(`button`,{type:`button`,onClick:()=>s(!1),children:`Keep it`})]}):J(`button`,{type:`button`,class:`destructive`,onClick:()=>s(!0),children:`Delete board`})]}),J(`p`,{class:`hint`,children:`Deleting a board keeps its images: they go back to Uncategorized.`}),J(X,{error:i})]}),J(Ln,{boardId:t.id,boardName:t.name,isAdmin:e.viewer?.isAdmin??!1,people:e.people})]})}var Vn=H(`
  mutation UploadImage($file: Upload!, $boardId: ID) {
    uploadImage(file: $file, boardId: $boardId) {
      id width height starred createdAt queueItemId url thumbnailUrl
      owner { id displayName }
      board { id name }
    }
  }
`),Hn=[`image/png`,`image/jpeg`,`image/webp`];async function Un(e,t){let n=new FormData;n.append(`operations`,JSON.stringify({query:Vn.toString(),variables:{file:null,boardId:t}})),n.append(`map`,JSON.stringify({0:[`variables.file`]})),n.append(`0`,e,e.name);let r={"GraphQL-Preflight":`1`,Accept:`application/json`,...Ue()},i;try{i=await fetch(`/graphql`,{method:`POST`,headers:r,body:n})}catch{throw new z(`NETWORK`,`network error`)}if(i.status===413)throw new z(`BAD_USER_INPUT`,`${e.name} is too large to upload.`);let a;try{a=await i.json()}catch{throw new z(i.status>=500?`INTERNAL`:`NETWORK`,`HTTP ${i.status}`)}let o=a.errors?.[0];if(o){let e=z.from(o);throw e.code===`UNAUTHENTICATED`&&`Authorization`in r&&He(e.message),e}if(!a.data)throw new z(`INTERNAL`,`empty response`);return a.data.uploadImage}function Wn(e){let[t,n]=L(null),[r,i]=L(null),[a,o]=L(!1),s=async t=>{i(null);for(let r of t)if(!Hn.includes(r.type))i(new z(`BAD_USER_INPUT`,`${r.name} is not a PNG, JPEG or WebP image`));else{n(`Uploading ${r.name}…`);try{e.onUploaded(await Un(r,e.boardId))}catch(e){i(e)}}n(null)};return J(`section`,{class:`card gallery${a?` drop-target`:``}`,"aria-labelledby":`gallery-title`,onDragOver:e=>{e.dataTransfer?.types.includes(`Files`)&&(e.preventDefault(),o(!0))},onDragLeave:()=>o(!1),onDrop:e=>{let t=[...e.dataTransfer?.files??[]];t.length!==0&&(e.preventDefault(),o(!1),s(t))},children:[e.head,J(`div`,{class:`upload-row`,children:[J(`label`,{class:`button`,children:[`Upload image`,J(`input`,{type:`file`,class:`sr-only`,accept:Hn.join(`,`),multiple:!0,disabled:t!==null,onChange:e=>{let t=e.currentTarget,n=[...t.files??[]];t.value=``,s(n)}})]}),J(`span`,{class:`hint`,children:`or drop PNG, JPEG or WebP files on the gallery`}),t?J(`span`,{role:`status`,class:`muted`,children:t}):null]}),J(X,{error:r}),e.children]})}function Gn(e){let t=e.replace(/^\/gallery\/?/,``);return t?t===`uncategorized`?{kind:`uncategorized`}:{kind:`board`,id:decodeURIComponent(t.split(`/`)[0]??``)}:{kind:`all`}}function Kn(e,t){return{boardId:e.kind===`board`?e.id:null,uncategorized:e.kind===`uncategorized`,after:t}}var qn=[`My boards`,`Shared with me`,`Public`,`Everyone else's`];function Jn(e){return e.myAccess===`OWNER`?`My boards`:e.myAccess===`ADMIN`&&!e.isPublic?`Everyone else's`:e.isPublic&&e.myAccess===`READ`?`Public`:`Shared with me`}function Yn(e){let t=new Map(qn.map(e=>[e,[]]));for(let n of e.boards)n.archived||t.get(Jn(n))?.push(n);let n=(e,t,n,r)=>J(`li`,{children:J(`a`,{href:e,onClick:K,class:`board-link`,"aria-current":n?`page`:void 0,children:[r?.coverImage?J(`img`,{src:r.coverImage.thumbnailUrl,alt:``,width:40,height:40,loading:`lazy`,decoding:`async`}):J(`span`,{class:`cover-empty`,"aria-hidden":`true`}),J(`span`,{class:`board-name`,children:t}),r?J(`span`,{class:`count`,"aria-label":`${r.imageCount} images`,children:r.imageCount}):null,r&&r.myAccess!==`OWNER`?J(`span`,{class:`owner`,children:r.owner.displayName}):null]})},e);return J(`nav`,{class:`card boards`,"aria-label":`Boards`,children:[J(`ul`,{children:[n(`/gallery`,`All images`,e.sel.kind===`all`),n(`/gallery/uncategorized`,`Uncategorized`,e.sel.kind===`uncategorized`)]}),[...t].map(([t,r])=>r.length===0&&t!==`Shared with me`?null:J(`div`,{role:`group`,"aria-label":t,children:[J(`h3`,{children:t}),r.length>0?J(`ul`,{children:r.map(t=>n(`/gallery/${encodeURIComponent(t.id)}`,t.name,e.sel.kind===`board`&&e.sel.id===t.id,t))}):J(`p`,{class:`hint`,children:`Nothing shared with you yet.`}),t===`Shared with me`&&e.viewerId?J(`p`,{class:`hint user-id`,children:[`To have a board shared with you, give its owner your user ID: `,J(`code`,{children:e.viewerId})]}):null]},t)),J(Rn,{onCreated:e.onCreated})]})}function Xn(e,t,n){return t.kind===`all`?!0:t.kind===`uncategorized`?!e.board&&e.owner.id===n:e.board?.id===t.id}function Zn(e,t){let n=new Map;for(let r of e)r.owner.id!==t&&n.set(r.owner.id,r.owner.displayName);return[...n].map(([e,t])=>({id:e,displayName:t}))}function Qn(){let{path:e}=cn(),t=Gn(e),n=JSON.stringify(t),r=U(q),i=r.kind===`app`?r.viewer:null,a=i?.id??null,[o,s]=L(null),[c,l]=L([]),[u,d]=L(0),[f,p]=L(null),[m,h]=L(!0),[g,_]=L(null),v=De(null),y=De(0);R(()=>{let e=++y.current;h(!0),_(null),l([]),B(o?ct:st,Kn(t,null)).then(t=>{e===y.current&&(t.boards&&s(t.boards),l(t.images.edges.map(e=>e.node)),d(t.images.totalCount),p(t.images.pageInfo.hasNextPage?t.images.pageInfo.endCursor??null:null),h(!1))},t=>{e===y.current&&(_(t),h(!1))})},[n]),R(()=>tn(e=>{Xn(e,t,a)&&b(e)}),[n,a]);function b(e){l(t=>t.some(t=>t.id===e.id)?t:(d(e=>e+1),[e,...t]))}let x=async()=>{if(!f||m)return;let e=y.current;h(!0);try{let n=await B(ct,Kn(t,f));if(e!==y.current)return;l(e=>{let t=new Set(e.map(e=>e.id));return[...e,...n.images.edges.map(e=>e.node).filter(e=>!t.has(e.id))]}),p(n.images.pageInfo.hasNextPage?n.images.pageInfo.endCursor??null:null)}catch(e){_(e)}finally{e===y.current&&h(!1)}};R(()=>{let e=v.current;if(!e||!f||!(`IntersectionObserver`in window))return;let t=new IntersectionObserver(e=>e.some(e=>e.isIntersecting)&&void x(),{rootMargin:`800px`});return t.observe(e),()=>t.disconnect()},[f,m,n]);let S=t.kind===`board`?o?.find(e=>e.id===t.id):void 0,C=t.kind===`all`?`All images`:t.kind===`uncategorized`?`Uncategorized`:S?.name??`Board`,w=t.kind!==`board`||S!==void 0&&S.myAccess!==`READ`;return J(`div`,{class:`gallery-layout`,children:[o?J(Yn,{boards:o,sel:t,viewerId:a,onCreated:e=>{s(t=>[e,...t??[]]),G(`/gallery/${encodeURIComponent(e.id)}`)}}):J(`div`,{class:`card boards`}),J($n,{enabled:w,boardId:t.kind===`board`?t.id:null,onUploaded:e=>{Xn(e,t,a)&&b(e)},head:J(`div`,{class:`section-head`,children:[J(`h1`,{id:`gallery-title`,children:C}),S&&S.myAccess!==`OWNER`?J(`span`,{class:`muted`,children:[`by `,S.owner.displayName]}):null,J(`span`,{class:`muted`,children:u===1?`1 image`:`${u} images`})]}),children:[S?J(Bn,{board:S,viewer:i,people:Zn(o??[],a),onChanged:e=>s(t=>(t??[]).flatMap(t=>t.id===S.id?e&&!e.archived?[e]:[]:[t]))}):null,J(X,{error:g}),c.length===0&&!m&&!g?J(`p`,{class:`muted`,children:`No images here yet.`}):null,J(Dn,{images:c}),J(`div`,{ref:v}),m?J(Q,{label:`Loading images…`}):null,f&&!m?J(`button`,{type:`button`,onClick:x,children:`Load more images`}):null]})]})}function $n(e){return e.enabled?J(Wn,{boardId:e.boardId,onUploaded:e.onUploaded,head:e.head,children:e.children}):J(`section`,{class:`card gallery`,"aria-labelledby":`gallery-title`,children:[e.head,e.children]})}var er=`gql-invoke.generate-form`,tr={prompt:``,negativePrompt:``,model:``,width:``,height:``,steps:``,cfgScale:``,scheduler:``,seed:``,runs:`1`,boardId:``};function nr(){try{let e=JSON.parse(localStorage.getItem(er)??`null`);if(e&&typeof e==`object`)return{...tr,...e}}catch{}return{...tr}}var $=Ft(nr());$.subscribe(e=>{try{localStorage.setItem(er,JSON.stringify(e))}catch{}}),fn(()=>$.set({...tr}));var rr=[`EULER`,`EULER_A`,`DDIM`,`DPMPP_2M`,`LMS`,`PNDM`];function ir(e,t){let n=e&&typeof e==`object`?e:{},r=e=>e==null?``:String(e),i=rr.includes(n.scheduler)?n.scheduler:``;$.set(e=>({...e,prompt:r(n.prompt),negativePrompt:r(n.negativePrompt),model:r(n.model),width:r(n.width),height:r(n.height),steps:r(n.steps),cfgScale:r(n.cfgScale),scheduler:i,seed:r(n.seed),runs:`1`,boardId:t??``}))}var ar={IN_PROGRESS:0,PENDING:1,FAILED:2,CANCELED:2,COMPLETED:2},or={IN_PROGRESS:`Generating`,PENDING:`Waiting`,COMPLETED:`Done`,FAILED:`Failed`,CANCELED:`Canceled`};function sr(e){return[...e].sort((e,t)=>ar[e.status]-ar[t.status]||(e.status===`PENDING`?(e.position??0)-(t.position??0):e.status===`IN_PROGRESS`?e.createdAt.localeCompare(t.createdAt):(t.completedAt??t.createdAt).localeCompare(e.completedAt??e.createdAt)))}function cr(e){return e<1?`now`:e<90?`about ${Math.round(e)} s`:e<5400?`about ${Math.round(e/60)} min`:`about ${Math.round(e/3600)} h`}function lr(e){let[t,n]=L(Date.now());return R(()=>{let t=setInterval(()=>n(Date.now()),e);return()=>clearInterval(t)},[e]),t}function ur(e,t,n){if(e.status===`PENDING`){if(!e.estimatedStartAt)return null;let t=(Date.parse(e.estimatedStartAt)-n)/1e3;return t<=1?`Starts any moment`:`Starts in ${cr(t)}`}return e.status===`IN_PROGRESS`&&t&&t.step>t.firstStep?`Done in ${cr((t.receivedAt-t.firstAt)/(t.step-t.firstStep)/1e3*(t.totalSteps-t.step))}`:null}function dr(e){let{item:t,progress:n}=e,r=t.ownerName&&t.ownerName!==`<hidden>`?t.ownerName:null,i=t.params?.prompt??(r?`${r}'s generation`:`Someone else's generation`),a=t.status===`PENDING`||t.status===`IN_PROGRESS`,o=async t=>{try{await t()}catch(t){e.onError(ze(t))}},s=ur(t,n,e.now);return J(`li`,{class:`queue-item ${t.isMine?`mine`:`theirs`} status-${t.status.toLowerCase()}`,"aria-label":`${or[t.status]}: ${i}`,children:[J(`div`,{class:`queue-main`,children:[J(`div`,{class:`queue-title`,children:i}),J(`div`,{class:`queue-meta`,children:[J(`span`,{class:`status`,children:or[t.status]}),t.status===`PENDING`&&t.position!==null&&t.position!==void 0?J(`span`,{children:[`#`,t.position+1,` in line`]}):null,s?J(`span`,{children:s}):null,!t.isMine&&r&&t.params?J(`span`,{children:r}):null,t.params?J(`span`,{children:[t.params.width,`×`,t.params.height,`, `,t.params.steps,` steps, seed `,t.params.seed]}):null]}),t.status===`IN_PROGRESS`?J(`div`,{class:`progress-row`,children:[J(`progress`,{max:100,value:n?.percentage??0,"aria-label":`Progress of ${i}`}),J(`span`,{class:`step`,children:n?`Step ${n.step} of ${n.totalSteps}`:`Starting…`})]}):null,t.error?J(`p`,{class:`message error small`,children:t.error}):null]}),t.status===`IN_PROGRESS`&&n?.preview?J(`img`,{class:`preview`,src:n.preview,alt:`Live preview of ${i}`,width:64,height:64}):null,e.canManage?J(`div`,{class:`queue-actions`,children:[a?J(`button`,{type:`button`,onClick:()=>o(()=>B(it,{id:t.id})),children:`Cancel`}):null,t.status===`FAILED`||t.status===`CANCELED`?J(`button`,{type:`button`,onClick:()=>o(async()=>{let{retryQueueItems:e}=await B(at,{ids:[t.id]});Yt(e)}),children:`Retry`}):null]}):null]})}function fr(){let{status:e}=U(Lt);return e?J(`span`,{class:`badge`,title:`Your pending generations / everyone's`,"aria-label":`Pending: ${e.myPending} mine of ${e.pending} in all`,children:[e.myPending,`/`,e.pending]}):null}function pr(e){let t=U(Lt),n=U(q),r=n.kind===`app`&&n.viewer.isAdmin,i=lr(1e3),[a,o]=L(null),s=sr(t.items.values()),c=t.status?.myPending??0;async function l(){o(null);try{let e=0;if(r){let t=s.filter(e=>e.isMine&&e.status===`PENDING`);for(let e of t)await B(it,{id:e.id});e=t.length}else e=(await B(ot)).clearQueue;o(`Removed ${e} pending ${e===1?`item`:`items`}.`),on()}catch(e){o(ze(e))}}return J(`section`,{class:`card queue`,"aria-labelledby":`queue-title`,children:[J(`div`,{class:`section-head`,children:[e.standalone?J(`h1`,{id:`queue-title`,children:[`Queue `,J(fr,{})]}):J(`h2`,{id:`queue-title`,children:[`Queue `,J(fr,{})]}),J(`button`,{type:`button`,onClick:l,disabled:c===0,children:`Clear my pending`})]}),t.status?.paused?J(Z,{tone:`warn`,children:`The queue is paused by an administrator.`}):null,t.connection===`offline`?J(Z,{tone:`warn`,children:`Connection lost. Reconnecting…`}):null,t.notice&&t.connection===`online`?J(Z,{tone:`ok`,children:t.notice}):null,t.error?J(Z,{tone:`warn`,children:t.error}):null,a?J(Z,{children:a}):null,s.length===0?J(`p`,{class:`muted`,children:`Nothing in the queue.`}):J(`ul`,{class:`queue-list`,"aria-label":`Queue items`,children:s.map(e=>J(dr,{item:e,progress:t.progress.get(e.id),now:i,canManage:e.isMine||r,onError:o},e.id))})]})}function mr(){let{recentImages:e}=U(Lt);return e.length===0?null:J(`section`,{class:`card`,"aria-labelledby":`recent-title`,children:[J(`h2`,{id:`recent-title`,children:`New images`}),J(`ul`,{class:`thumb-strip`,children:e.map(e=>J(`li`,{children:J(`a`,{href:`/view/${e.id}`,onClick:K,"aria-label":`Open image ${e.width}×${e.height} from ${new Date(e.createdAt).toLocaleTimeString()}`,children:J(`img`,{src:e.thumbnailUrl,alt:``,width:96,height:96,loading:`lazy`,decoding:`async`})})},e.id))})]})}var hr=0x7fffffff;function gr(e){return e?.defaults&&typeof e.defaults==`object`?e.defaults:{}}function _r(e){let t=gr(e),n=[];return t.width&&t.height&&n.push(`${t.width}×${t.height}`),t.steps&&n.push(`${t.steps} steps`),t.cfgScale!==void 0&&n.push(`CFG ${t.cfgScale}`),t.scheduler&&n.push(t.scheduler),n.join(`, `)}function vr(e,t){let n=gr(t),r=e=>e==null?``:String(e);return{...e,width:r(n.width),height:r(n.height),steps:r(n.steps),cfgScale:r(n.cfgScale),scheduler:n.scheduler&&rr.includes(n.scheduler)?n.scheduler:``}}function yr(e){if(!e.prompt.trim())return`Write a prompt first.`;let t=e=>e.trim()===``?null:Number(e),n=t(e.width),r=t(e.height);for(let[e,t]of[[`Width`,n],[`Height`,r]])if(t!==null&&(!Number.isInteger(t)||t<64||t>2048||t%8!=0))return`${e} must be a multiple of 8 from 64 to 2048.`;let i=t(e.steps);if(i!==null&&(!Number.isInteger(i)||i<1||i>150))return`Steps must be a whole number from 1 to 150.`;let a=t(e.cfgScale);if(a!==null&&(!Number.isFinite(a)||a<0||a>30))return`CFG scale must be from 0 to 30.`;let o=t(e.seed);if(o!==null&&(!Number.isInteger(o)||o<0||o>hr))return`Seed must be a whole number from 0 to ${hr}.`;let s=t(e.runs)??1;return!Number.isInteger(s)||s<1||s>100?`Runs must be a whole number from 1 to 100.`:{runs:s,input:{prompt:e.prompt,negativePrompt:e.negativePrompt,model:e.model||null,width:n,height:r,steps:i,cfgScale:a,scheduler:e.scheduler||null,seed:o,boardId:e.boardId||null}}}function br(e,t){let n=(e,t)=>t.trim()?t.includes(`{prompt}`)?t.split(`{prompt}`).join(e):e.trim()?`${e.trim()}, ${t}`:t:e;return{...e,prompt:n(e.prompt,t.positivePrompt),negativePrompt:n(e.negativePrompt,t.negativePrompt)}}function xr(){let e=U($),[t,n]=L(null),[r,i]=L(null),[a,o]=L(null),[s,c]=L(null),[l,u]=L(null),[d,f]=L(!1),p=e=>$.set(t=>({...t,...e}));R(()=>{B(Qe).then(n,i)},[]);let m=Oe(()=>(t?.models??[]).filter(e=>e.type===`MAIN`),[t]),h=m.find(t=>t.key===e.model)??m.find(e=>e.isDefault),g=(t?.boards??[]).filter(e=>!e.archived&&e.myAccess!==`READ`);R(()=>{if(!t)return;let e=$.get();e.model&&!m.some(t=>t.key===e.model)?$.set(vr({...e,model:``},h)):!e.width&&!e.steps&&$.set(vr(e,h)),e.boardId&&!g.some(t=>t.id===e.boardId)&&$.set(e=>({...e,boardId:``}))},[t]);async function _(e){e.preventDefault(),o(null),u(null);let t=yr($.get());if(typeof t==`string`)c(t);else{c(null),f(!0);try{let{enqueue:e}=await B($e,{input:{generation:t.input,runs:t.runs}});Yt(e.items);let n=e.items.length;u(`Queued ${n} ${n===1?`image`:`images`}.`)}catch(e){o(e)}finally{f(!1)}}}let v=(t,n,r,i)=>J(Y,{label:t,hint:i,children:(t,i)=>J(`input`,{id:t,type:`number`,inputMode:`numeric`,"aria-describedby":i,value:e[n],onInput:e=>p({[n]:e.currentTarget.value}),...r})});return J(`div`,{class:`generate-layout`,children:[J(`section`,{class:`card`,"aria-labelledby":`generate-title`,children:[J(`h1`,{id:`generate-title`,children:`Generate`}),r?J(X,{error:r}):null,J(`form`,{onSubmit:_,class:`generate-form`,noValidate:!0,children:[J(Y,{label:`Prompt`,children:t=>J(`textarea`,{id:t,rows:3,required:!0,value:e.prompt,onInput:e=>p({prompt:e.currentTarget.value})})}),J(Y,{label:`Negative prompt`,children:t=>J(`textarea`,{id:t,rows:2,value:e.negativePrompt,onInput:e=>p({negativePrompt:e.currentTarget.value})})}),t&&t.stylePresets.length>0?J(`fieldset`,{class:`presets`,children:[J(`legend`,{children:`Style presets`}),t.stylePresets.map(e=>J(`button`,{type:`button`,class:`chip`,"aria-label":`Apply style preset ${e.name}`,title:[e.positivePrompt,e.negativePrompt&&`Negative: ${e.negativePrompt}`].filter(Boolean).join(`
`),onClick:()=>$.set(t=>br(t,e)),children:e.name},e.id))]}):null,J(Y,{label:`Model`,hint:h?`Defaults: ${_r(h)||`none`}${h.description?` · ${h.description}`:``}`:void 0,children:(n,r)=>J(`select`,{id:n,"aria-describedby":r,value:e.model||h?.key||``,disabled:!t,onChange:e=>{let t=e.currentTarget.value,n=m.find(e=>e.key===t)??m.find(e=>e.isDefault);$.set(e=>vr({...e,model:t},n))},children:[t?null:J(`option`,{value:``,children:`Loading models…`}),m.map(e=>J(`option`,{value:e.key,children:[e.name,e.isDefault?` (default)`:``,` — `,_r(e)]},e.key))]})}),J(`div`,{class:`row`,children:[v(`Width`,`width`,{min:64,max:2048,step:8}),v(`Height`,`height`,{min:64,max:2048,step:8})]}),J(`div`,{class:`row`,children:[v(`Steps`,`steps`,{min:1,max:150,step:1}),v(`CFG scale`,`cfgScale`,{min:0,max:30,step:.5,inputMode:`decimal`})]}),J(Y,{label:`Scheduler`,children:t=>J(`select`,{id:t,value:e.scheduler,onChange:e=>p({scheduler:e.currentTarget.value}),children:[J(`option`,{value:``,children:[`Model default`,gr(h).scheduler?` (${gr(h).scheduler})`:``]}),rr.map(e=>J(`option`,{value:e,children:e},e))]})}),J(`div`,{class:`row seed-row`,children:[J(Y,{label:`Seed`,hint:`Empty: a random seed each time.`,children:(t,n)=>J(`div`,{class:`with-button`,children:[J(`input`,{id:t,type:`number`,inputMode:`numeric`,min:0,max:hr,"aria-describedby":n,value:e.seed,onInput:e=>p({seed:e.currentTarget.value})}),J(`button`,{type:`button`,"aria-label":`Random seed`,title:`Pick a random seed`,onClick:()=>p({seed:String(Math.floor(Math.random()*hr))}),children:`Random`})]})}),v(`Runs`,`runs`,{min:1,max:100,step:1},`Seeds count up from the seed.`)]}),J(Y,{label:`Board`,children:t=>J(`select`,{id:t,value:e.boardId,onChange:e=>p({boardId:e.currentTarget.value}),children:[J(`option`,{value:``,children:`Uncategorized`}),g.map(e=>J(`option`,{value:e.id,children:[e.name,e.myAccess===`OWNER`?``:` (${e.owner.displayName})`]},e.id))]})}),s?J(`p`,{class:`message error`,role:`alert`,children:s}):null,J(X,{error:a}),l?J(Z,{tone:`ok`,children:l}):null,J(`button`,{type:`submit`,class:`primary`,disabled:d,children:d?`Queuing…`:`Generate`})]})]}),J(`div`,{class:`side`,children:[J(pr,{}),J(mr,{})]})]})}var Sr=[[`prompt`,`Prompt`],[`negativePrompt`,`Negative prompt`],[`model`,`Model`],[`steps`,`Steps`],[`cfgScale`,`CFG scale`],[`scheduler`,`Scheduler`],[`seed`,`Seed`]];function Cr(e){return e==null||e===``?`—`:typeof e==`object`?JSON.stringify(e):String(e)}function wr(e){let t=U(q),n=t.kind===`app`?t.viewer:null,[r,i]=L(null),[a,o]=L([]),[s,c]=L(null),[l,u]=L(!1),[d,f]=L(``),[p,m]=L(!1),[h,g]=L(null);R(()=>{i(null),u(!1),B(lt,{id:e.id}).then(e=>e.image?i(e.image):u(!0),e=>e?.code===`NOT_FOUND`?u(!0):c(e))},[e.id]);let _=!!r&&!!n&&(r.owner.id===n.id||n.isAdmin);if(R(()=>{_&&B(ft).then(e=>o(e.boards.filter(e=>!e.archived&&e.myAccess!==`READ`)),()=>{})},[_]),l)return J(`p`,{class:`message error`,role:`alert`,children:`This image does not exist, or you cannot see it.`});if(!r)return s?J(X,{error:s}):J(Q,{label:`Loading image…`});let v=r.board?r.board.myAccess!==`READ`:_,y=r.board?.myAccess===`READ`,b=r.metadata&&typeof r.metadata==`object`?r.metadata:{},x=async e=>{c(null),g(null);try{await e()}catch(e){c(e)}},S=r.board?`/gallery/${encodeURIComponent(r.board.id)}`:`/gallery`;return J(`div`,{class:`image-layout`,children:[J(`figure`,{class:`card image-figure`,children:[J(`img`,{src:r.url,alt:`Generated image: ${Cr(b.prompt)}`,width:r.width,height:r.height}),J(`figcaption`,{children:[r.width,`×`,r.height,`, `,Math.round(r.sizeBytes/1024),` KB, by `,r.owner.displayName,`, `,new Date(r.createdAt).toLocaleString()]})]}),J(`section`,{class:`card`,"aria-labelledby":`image-title`,children:[J(`div`,{class:`section-head`,children:[J(`h1`,{id:`image-title`,children:`Image`}),J(`a`,{href:S,onClick:K,children:[`Back to `,r.board?r.board.name:`gallery`]})]}),y?J(Z,{children:[J(`strong`,{children:`Read only`}),`: this image is on `,r.board?.name,`, shared with you to look at. You can download it or reuse its settings.`]}):null,r.starred?J(`p`,{class:`starred-note`,children:`★ Starred`}):null,J(`dl`,{class:`meta`,children:[Sr.map(([e,t])=>J(`div`,{children:[J(`dt`,{children:t}),J(`dd`,{children:Cr(b[e])})]},e)),J(`div`,{children:[J(`dt`,{children:`Size`}),J(`dd`,{children:[r.width,`×`,r.height]})]}),J(`div`,{children:[J(`dt`,{children:`Board`}),J(`dd`,{children:r.board?r.board.name:`Uncategorized`})]})]}),J(`div`,{class:`actions`,children:[J(`button`,{type:`button`,class:`primary`,onClick:()=>{ir(r.metadata,r.board&&r.board.myAccess!==`READ`?r.board.id:null),G(`/`)},children:`Use these settings`}),v?J(`button`,{type:`button`,onClick:()=>x(async()=>{let{updateImage:e}=await B(ut,{id:r.id,starred:!r.starred});i({...r,starred:e.starred}),g(e.starred?`Starred.`:`Star removed.`)}),children:[J(`span`,{"aria-hidden":`true`,children:r.starred?`★`:`☆`}),r.starred?`Unstar`:`Star`]}):null,J(`a`,{class:`button`,href:new URL(r.url,location.href).href,download:`gql-invoke-${r.id}.png`,children:`Download`})]}),_?J(`form`,{class:`move`,onSubmit:e=>{e.preventDefault(),x(async()=>{let{updateImage:e}=await B(ut,d?{id:r.id,boardId:d}:{id:r.id,clearBoard:!0});i({...r,board:e.board??null}),g(`Moved to ${e.board?e.board.name:`Uncategorized`}.`)})},children:[J(Y,{label:`Move to board`,children:e=>J(`select`,{id:e,value:d,onChange:e=>f(e.currentTarget.value),children:[J(`option`,{value:``,children:`Uncategorized`}),a.map(e=>J(`option`,{value:e.id,children:[e.name,e.myAccess===`OWNER`?``:` (${e.owner.displayName})`]},e.id))]})}),J(`button`,{type:`submit`,children:`Move to board`})]}):v?J(`p`,{class:`hint`,children:[`Only `,r.owner.displayName,`, who made it, or an admin can move this image to another board.`]}):null,v?J(`div`,{class:`danger`,children:p?J(C,{children:[J(`span`,{children:`Delete this image for good?`}),J(`button`,{type:`button`,class:`destructive`,onClick:()=>x(async()=>{await B(dt,{ids:[r.id]}),G(S)}),children:`Yes, delete`}),J(`button`,{type:`button`,onClick:()=>m(!1),children:`Keep it`})]}):J(`button`,{type:`button`,class:`destructive`,onClick:()=>m(!0),children:`Delete image`})}):null,J(X,{error:s}),h?J(Z,{tone:`ok`,children:h}):null]})]})}var Tr=H(`
  mutation SetQuota($userId: ID!, $maxPendingJobs: Int, $maxImagesPerDay: Int, $maxStorageBytes: Long) {
    setQuota(userId: $userId, maxPendingJobs: $maxPendingJobs, maxImagesPerDay: $maxImagesPerDay, maxStorageBytes: $maxStorageBytes) {
      id quota { maxPendingJobs maxImagesPerDay maxStorageBytes }
    }
  }
`),Er=H(`
  query AdminModels {
    models { key name type base description isDefault defaults }
  }
`),Dr=H(`
  mutation InstallModel($input: ModelInstallInput!) {
    installModel(input: $input) { key name type base description isDefault defaults }
  }
`),Or=H(`
  mutation UpdateModel($key: ID!, $defaults: JSON, $isDefault: Boolean) {
    updateModel(key: $key, defaults: $defaults, isDefault: $isDefault) { key isDefault defaults }
  }
`),kr=H(`
  mutation DeleteModel($key: ID!) { deleteModel(key: $key) }
`),Ar=H(`
  subscription ModelInstallProgress {
    modelInstallProgress { source stage message }
  }
`),jr=H(`
  query AdminQueue($status: QueueItemStatus) {
    queueStatus { paused policy pending inProgress completed failed canceled }
    queueItems(status: $status, first: 50) {
      id status createdAt ownerName isMine position error
      params { prompt model width height steps }
    }
  }
`),Mr=H(`
  mutation PauseProcessor { pauseProcessor { paused policy } }
`),Nr=H(`
  mutation ResumeProcessor { resumeProcessor { paused policy } }
`),Pr=H(`
  mutation SetQueuePolicy($policy: QueuePolicy!) {
    setQueuePolicy(policy: $policy) { paused policy }
  }
`),Fr=H(`
  mutation AdminCancelItem($id: ID!) {
    cancelQueueItem(id: $id) { id status }
  }
`),Ir=H(`
  query AuditUsers { users { id displayName email } }
`),Lr=H(`
  query AuditLog($first: Int = 50, $after: String, $actorId: ID, $action: String) {
    auditLog(first: $first, after: $after, actorId: $actorId, action: $action) {
      id at action targetType targetId detail ip cursor
      actor { id displayName }
    }
  }
`);function Rr(e){return!e||typeof e!=`object`||Object.keys(e).length===0?``:JSON.stringify(e)}function zr(e){let t=e.event,n=Rr(t.detail);return J(`tr`,{children:[J(`td`,{children:J(`time`,{dateTime:t.at,children:new Date(t.at).toLocaleString()})}),J(`td`,{children:t.actor?t.actor.displayName:J(`span`,{class:`muted`,children:`system`})}),J(`td`,{children:J(`code`,{children:t.action})}),J(`td`,{class:`audit-target`,children:[t.targetType,t.targetId?J(`span`,{class:`muted`,children:[` `,t.targetId]}):null]}),J(`td`,{class:`audit-detail`,children:[n?J(`code`,{children:n}):null,t.ip?J(`span`,{class:`muted small`,children:[` from `,t.ip]}):null]})]})}function Br(e){let t=e.pageSize??50,[n,r]=L([]),[i,a]=L(``),[o,s]=L(``),[c,l]=L({actorId:``,action:``}),[u,d]=L(null),[f,p]=L(!1),[m,h]=L(!1),[g,_]=L(null),v=async(e,n)=>{h(!0),_(null);try{let r=await B(Lr,{first:t,after:e,actorId:c.actorId||null,action:c.action||null});d([...n,...r.auditLog]),p(r.auditLog.length===t)}catch(e){_(e)}finally{h(!1)}};R(()=>{B(Ir).then(e=>r(e.users),_)},[]),R(()=>{d(null),v(null,[])},[c]);let y=[...new Set((u??[]).map(e=>e.action))].sort();return J(`section`,{class:`card`,"aria-labelledby":`audit-title`,children:[J(`h1`,{id:`audit-title`,children:`Audit log`}),J(`form`,{class:`inline-form audit-filters`,onSubmit:e=>{e.preventDefault(),l({actorId:i,action:o.trim()})},children:[J(Y,{label:`Actor`,children:e=>J(`select`,{id:e,value:i,onChange:e=>a(e.currentTarget.value),children:[J(`option`,{value:``,children:`Everyone`}),n.map(e=>J(`option`,{value:e.id,children:[e.displayName,` (`,e.email,`)`]},e.id))]})}),J(Y,{label:`Action`,hint:`Exact name, e.g. user_updated or model.update; empty: all.`,children:(e,t)=>J(C,{children:[J(`input`,{id:e,type:`text`,list:`audit-actions`,autocomplete:`off`,"aria-describedby":t,value:o,onInput:e=>s(e.currentTarget.value)}),J(`datalist`,{id:`audit-actions`,children:y.map(e=>J(`option`,{value:e},e))})]})}),J(`button`,{type:`submit`,children:`Filter`}),c.actorId||c.action?J(`button`,{type:`button`,onClick:()=>{a(``),s(``),l({actorId:``,action:``})},children:`Show all events`}):null]}),J(X,{error:g}),u?u.length?J(`div`,{class:`table-wrap`,tabIndex:0,role:`region`,"aria-label":`Audit events`,children:J(`table`,{class:`audit-table`,children:[J(`caption`,{class:`sr-only`,children:`Audit events, newest first`}),J(`thead`,{children:J(`tr`,{children:[J(`th`,{scope:`col`,children:`When`}),J(`th`,{scope:`col`,children:`Who`}),J(`th`,{scope:`col`,children:`Action`}),J(`th`,{scope:`col`,children:`Target`}),J(`th`,{scope:`col`,children:`Detail`})]})}),J(`tbody`,{children:u.map(e=>J(zr,{event:e},e.id))})]})}):J(`p`,{class:`muted`,children:[`No events`,c.actorId||c.action?` match these filters`:``,`.`]}):J(Q,{label:`Loading the audit log…`}),u&&f?J(`button`,{type:`button`,disabled:m,onClick:()=>void v(u[u.length-1].cursor,u),children:`Older`}):null,u?J(`p`,{class:`muted small`,children:[u.length,` shown.`]}):null]})}var Vr=[`width`,`height`,`steps`,`cfgScale`,`scheduler`],Hr={width:`Width`,height:`Height`,steps:`Steps`,cfgScale:`CFG scale`,scheduler:`Scheduler`};function Ur(e){let t=e.model.defaults??{},[n,r]=L(Object.fromEntries(Vr.map(e=>[e,t[e]==null?``:String(t[e])]))),i=(e,t)=>r(n=>({...n,[e]:t})),a=()=>{let t={};for(let e of Vr){let r=n[e].trim();r&&(t[e]=e===`scheduler`?r:Number(r))}return e.act(()=>B(Or,{key:e.model.key,defaults:t}),`Defaults saved.`)};return J(`form`,{class:`defaults-form`,"aria-label":`Defaults of ${e.model.name}`,onSubmit:e=>{e.preventDefault(),a()},children:[Vr.map(e=>J(Y,{label:Hr[e],children:t=>e===`scheduler`?J(`select`,{id:t,value:n[e],onChange:t=>i(e,t.currentTarget.value),children:[J(`option`,{value:``,children:`(not set)`}),rr.map(e=>J(`option`,{value:e,children:e},e))]}):J(`input`,{id:t,type:`number`,step:e===`cfgScale`?`any`:1,min:e===`cfgScale`?0:1,value:n[e],onInput:t=>i(e,t.currentTarget.value)})},e)),J(`button`,{type:`submit`,children:`Save defaults`})]})}function Wr(e){let t=e.model,[n,r]=L(null),[i,a]=L(null),[o,s]=L(!1),c=async(t,n)=>{r(null),a(null);try{await t(),a(n),e.reload()}catch(e){r(e)}};return J(`li`,{"aria-label":`Model ${t.name}`,class:`model-row`,children:[J(`strong`,{children:t.name}),J(`span`,{class:`muted`,children:t.key}),J(`span`,{class:`muted small`,children:[t.type,` · `,t.base]}),t.isDefault?J(`span`,{class:`badge`,children:`default`}):null,t.description?J(`div`,{class:`small`,children:t.description}):null,t.type===`MAIN`?J(Ur,{model:t,act:c},JSON.stringify(t.defaults)):null,J(`div`,{class:`actions`,children:[t.type===`MAIN`&&!t.isDefault?J(`button`,{type:`button`,onClick:()=>void c(()=>B(Or,{key:t.key,isDefault:!0}),`Now the default model.`),children:`Set as default`}):null,J(`button`,{type:`button`,class:`destructive`,"aria-expanded":o,onClick:()=>s(!o),children:`Delete model`})]}),o?J(`div`,{class:`inline-form`,role:`group`,"aria-label":`Confirm deleting ${t.name}`,children:[J(`p`,{children:[`Delete `,t.name,`? `,t.isDefault?`Another model becomes the default. `:``,`Files you installed from your own path stay on disk.`]}),J(`button`,{type:`button`,class:`destructive`,onClick:()=>void c(()=>B(kr,{key:t.key}),`Deleted.`),children:`Delete for good`}),J(`button`,{type:`button`,onClick:()=>s(!1),children:`Keep`})]}):null,J(X,{error:n}),i?J(Z,{tone:`ok`,children:i}):null]})}function Gr(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(!1),[s,c]=L(null),[l,u]=L(null),[d,f]=L(null),p=De(null);return R(()=>Pt(Ar,{},{next:e=>{e.modelInstallProgress.source===p.current&&c(e.modelInstallProgress)},error:e=>u(e)}),[]),J(`form`,{onSubmit:async s=>{if(s.preventDefault(),t.trim()&&!a){u(null),f(null),c(null),o(!0),p.current=t.trim();try{let{installModel:a}=await B(Dr,{input:{source:t.trim(),...r.trim()?{name:r.trim()}:{}}});f(`Installed ${a.name} (${a.key}).`),n(``),i(``),e.onInstalled()}catch(e){u(e)}finally{o(!1),p.current=null}}},children:[J(`h2`,{children:`Install a model`}),J(Y,{label:`Model path`,hint:`Absolute path on the server of a diffusers folder or a .safetensors/.ckpt file; it is registered in place, not copied.`,children:(e,r)=>J(`input`,{id:e,type:`text`,autocomplete:`off`,"aria-describedby":r,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`Model name (optional)`,children:e=>J(`input`,{id:e,type:`text`,autocomplete:`off`,value:r,onInput:e=>i(e.currentTarget.value)})}),J(`button`,{type:`submit`,class:`primary`,disabled:a||!t.trim(),children:`Install model`}),a?J(Q,{label:s?`Installing: ${s.stage}, ${s.message}`:`Installing…`}):null,J(X,{error:l}),d?J(Z,{tone:`ok`,children:d}):null]})}function Kr(){let[e,t]=L(null),[n,r]=L(null),i=()=>B(Er).then(e=>t(e.models),r);return R(()=>void i(),[]),J(`div`,{class:`profile-layout`,children:[J(`section`,{class:`card`,"aria-labelledby":`models-title`,children:[J(`h1`,{id:`models-title`,children:`Models`}),J(X,{error:n}),e?e.length?J(`ul`,{class:`plain-list`,"aria-label":`Models`,children:e.map(e=>J(Wr,{model:e,reload:i},e.key))}):J(`p`,{class:`muted`,children:`No models are installed.`}):J(Q,{label:`Loading models…`})]}),J(`section`,{class:`card`,children:J(Gr,{onInstalled:i})})]})}var qr=[{value:`FIFO`,label:`First in, first out`},{value:`ROUND_ROBIN`,label:`Round robin between users`},{value:`FAIR_SHARE`,label:`Fair share (least recent GPU use first)`}],Jr=[{value:``,label:`Any status`},{value:`PENDING`,label:`Pending`},{value:`IN_PROGRESS`,label:`In progress`},{value:`COMPLETED`,label:`Completed`},{value:`FAILED`,label:`Failed`},{value:`CANCELED`,label:`Canceled`}],Yr=new Set([`PENDING`,`IN_PROGRESS`]);function Xr(e){let{item:t}=e,n=t.params?.prompt||`(prompt hidden)`;return J(`li`,{"aria-label":`Item ${n} by ${t.ownerName}`,children:[J(`strong`,{class:`admin-prompt`,children:n}),J(`span`,{class:`badge`,children:t.status.replace(`_`,` `).toLowerCase()}),J(`div`,{class:`muted small`,children:[`by `,t.ownerName,t.params?` · ${t.params.model}, ${t.params.width}×${t.params.height}, ${t.params.steps} steps`:``,t.position==null?``:` · place ${t.position+1}`,` · added `,new Date(t.createdAt).toLocaleString()]}),t.error?J(`p`,{class:t.status===`FAILED`?`message error small`:`muted small`,children:t.error}):null,Yr.has(t.status)?J(`div`,{class:`actions`,children:J(`button`,{type:`button`,class:`destructive`,"aria-label":`Cancel ${n} by ${t.ownerName}`,onClick:()=>e.cancel(t.id),children:`Cancel`})}):null]})}function Zr(){let[e,t]=L(null),[n,r]=L(``),[i,a]=L(``),[o,s]=L(null),[c,l]=L(null),u=U(Lt).status,d=()=>B(jr,{status:n||null}).then(t,s);R(()=>void d(),[n,u]);let f=async(e,t)=>{s(null),l(null);try{await e(),l(t),await d()}catch(e){s(e)}},p=e?.queueStatus;return R(()=>{p&&a(p.policy)},[p?.policy]),J(`section`,{class:`card admin-queue`,"aria-labelledby":`admin-queue-title`,children:[J(`div`,{class:`section-head`,children:[J(`h1`,{id:`admin-queue-title`,children:`Manage queue`}),p?J(`button`,{type:`button`,class:p.paused?`primary`:void 0,onClick:()=>p.paused?f(()=>B(Nr),`Queue resumed.`):f(()=>B(Mr),`Queue paused.`),children:p.paused?`Resume queue`:`Pause queue`}):null]}),p?J(`p`,{class:`queue-state`,"aria-live":`polite`,children:[`The queue is `,J(`strong`,{children:p.paused?`paused`:`running`}),`: `,p.pending,` pending, `,p.inProgress,` in progress, `,p.completed,` completed, `,p.failed,` failed, `,p.canceled,` canceled.`]}):null,J(`div`,{class:`admin-filters`,children:[J(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),i&&f(()=>B(Pr,{policy:i}),`Policy saved.`)},children:[J(Y,{label:`Queue policy`,children:e=>J(`select`,{id:e,value:i,onChange:e=>a(e.currentTarget.value),children:qr.map(e=>J(`option`,{value:e.value,children:e.label},e.value))})}),J(`button`,{type:`submit`,disabled:!p||i===p.policy,children:`Set policy`})]}),J(Y,{label:`Show`,children:e=>J(`select`,{id:e,value:n,onChange:e=>r(e.currentTarget.value),children:Jr.map(e=>J(`option`,{value:e.value,children:e.label},e.value))})})]}),J(X,{error:o}),c?J(Z,{tone:`ok`,children:c}):null,e?e.queueItems.length?J(`ul`,{class:`plain-list`,"aria-label":`All queue items`,children:e.queueItems.map(e=>J(Xr,{item:e,cancel:e=>void f(()=>B(Fr,{id:e}),`Canceled.`)},e.id))}):J(`p`,{class:`muted`,children:[`No items`,n?` with this status`:``,`.`]}):J(Q,{label:`Loading the queue…`}),J(`p`,{class:`muted small`,children:`The oldest 50 items are shown; pick a status to narrow them.`})]})}var Qr=[{label:`at least 8 characters`,ok:e=>[...e].length>=8},{label:`at most 256 characters`,ok:e=>[...e].length<=256},{label:`an upper-case letter`,ok:e=>/\p{Lu}/u.test(e)},{label:`a lower-case letter`,ok:e=>/\p{Ll}/u.test(e)},{label:`a digit`,ok:e=>/\p{Nd}/u.test(e)}];function $r(e){return Qr.filter(t=>!t.ok(e)).map(e=>e.label)}function ei(e){return J(C,{children:[J(`span`,{children:e.policy}),J(`ul`,{class:`checklist`,"aria-live":`polite`,children:Qr.map(t=>{let n=t.ok(e.password);return J(`li`,{class:n?`ok`:`todo`,children:[J(`span`,{"aria-hidden":`true`,children:n?`✓`:`•`}),` `,t.label,J(`span`,{class:`sr-only`,children:n?` (met)`:` (not met yet)`})]},t.label)})})]})}var ti=e=>`${(e/1024/1024).toFixed(1)} MB`,ni=1048576;function ri(e,t=1){let n=e.trim();if(!n)return null;let r=Number(n);return Number.isFinite(r)&&r>=0?Math.round(r*t):NaN}function ii(e){return!e||e.maxPendingJobs==null&&e.maxImagesPerDay==null&&e.maxStorageBytes==null?`Quota: no limits`:`Quota: ${[e.maxPendingJobs==null?`any number pending`:`${e.maxPendingJobs} pending`,e.maxImagesPerDay==null?`any number of images a day`:`${e.maxImagesPerDay} images a day`,e.maxStorageBytes==null?`unlimited storage`:`${ti(e.maxStorageBytes)} storage`].join(`, `)}`}function ai(e){let t=e.user.quota,n=(e,t=1)=>e==null?``:String(Math.round(e/t*100)/100),[r,i]=L(n(t?.maxPendingJobs)),[a,o]=L(n(t?.maxImagesPerDay)),[s,c]=L(n(t?.maxStorageBytes,ni)),l={maxPendingJobs:ri(r),maxImagesPerDay:ri(a),maxStorageBytes:ri(s,ni)},u=Object.values(l).some(e=>Number.isNaN(e));return J(`form`,{class:`inline-form quota-form`,"aria-label":`Quota for ${e.user.displayName}`,onSubmit:t=>{t.preventDefault(),u||e.act(()=>B(Tr,{userId:e.user.id,...l}),`Quota saved.`)},children:[J(Y,{label:`Max pending jobs`,children:e=>J(`input`,{id:e,type:`number`,min:0,step:1,inputMode:`numeric`,value:r,onInput:e=>i(e.currentTarget.value)})}),J(Y,{label:`Max images per day`,children:e=>J(`input`,{id:e,type:`number`,min:0,step:1,inputMode:`numeric`,value:a,onInput:e=>o(e.currentTarget.value)})}),J(Y,{label:`Max storage (MB)`,children:e=>J(`input`,{id:e,type:`number`,min:0,step:`any`,inputMode:`decimal`,value:s,onInput:e=>c(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:u,children:`Set quota`}),J(`p`,{class:`hint quota-hint`,children:`Leave a box empty for no limit (pending jobs then follow the site default).`})]})}function oi(e){let[t,n]=L(e.user.displayName),r=t.trim()!==``&&t.trim()!==e.user.displayName;return J(`form`,{class:`inline-form`,"aria-label":`Name of ${e.user.displayName}`,onSubmit:n=>{n.preventDefault(),r&&e.act(()=>B(Ct,{id:e.user.id,input:{displayName:t.trim()}}),`Name saved.`)},children:[J(Y,{label:`Name`,children:e=>J(`input`,{id:e,type:`text`,autocomplete:`off`,value:t,onInput:e=>n(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!r,children:`Save name`})]})}function si(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(``),[s,c]=L(!1),[l,u]=L(null),d=t.trim()&&r.trim()&&$r(a).length===0;return J(`form`,{onSubmit:async l=>{if(l.preventDefault(),d){u(null);try{await B(St,{input:{email:t.trim(),displayName:r.trim(),password:a,isAdmin:s}}),n(``),i(``),o(``),c(!1),e.onCreated()}catch(e){u(e)}}},children:[J(`h2`,{children:`New user`}),J(Y,{label:`Email`,children:e=>J(`input`,{id:e,type:`email`,autocomplete:`off`,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`Display name`,children:e=>J(`input`,{id:e,type:`text`,value:r,onInput:e=>i(e.currentTarget.value)})}),J(Y,{label:`Initial password`,hint:J(ei,{policy:e.policy,password:a}),children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),J(`div`,{class:`check`,children:[J(`input`,{id:`new-user-admin`,type:`checkbox`,checked:s,onChange:e=>c(e.currentTarget.checked)}),J(`label`,{for:`new-user-admin`,children:`Administrator`})]}),J(`button`,{type:`submit`,class:`primary`,disabled:!d,children:`Create user`}),J(X,{error:l})]})}function ci(e){let{user:t}=e,[n,r]=L(null),[i,a]=L(null),[o,s]=L(!1),[c,l]=L(``),[u,d]=L(null),f=async(t,n)=>{r(null),a(null);try{await t(),a(n),e.reload()}catch(e){r(e)}},p=(e,n)=>f(()=>B(Ct,{id:t.id,input:e}),n);return J(`li`,{"aria-label":`User ${t.displayName}`,children:[J(`strong`,{children:t.displayName}),J(`span`,{class:`muted`,children:t.email}),t.isAdmin?J(`span`,{class:`badge`,children:`admin`}):null,t.isActive?null:J(`span`,{class:`badge off`,children:`disabled`}),J(`div`,{class:`muted small`,children:[t.stats?`${t.stats.imageCount} images, ${t.stats.boardCount} boards, ${ti(t.stats.storageBytes)}, ${t.stats.pendingJobs} pending · `:``,`last sign-in `,t.lastLoginAt?new Date(t.lastLoginAt).toLocaleString():`never`]}),J(`div`,{class:`muted small`,children:ii(t.quota)}),J(`div`,{class:`actions`,children:[e.self?null:J(C,{children:[J(`button`,{type:`button`,onClick:()=>p({isAdmin:!t.isAdmin},t.isAdmin?`No longer an administrator.`:`Now an administrator.`),children:t.isAdmin?`Remove admin`:`Make admin`}),J(`button`,{type:`button`,onClick:()=>p({isActive:!t.isActive},t.isActive?`Disabled; their sessions ended.`:`Enabled.`),children:t.isActive?`Disable`:`Enable`})]}),J(`button`,{type:`button`,onClick:()=>f(()=>B(Tt,{id:t.id}),`Sign-in failures cleared.`),children:`Unlock`}),J(`button`,{type:`button`,"aria-expanded":o,onClick:()=>s(!o),children:`Reset password`}),e.self?null:J(`button`,{type:`button`,class:`destructive`,onClick:()=>d(``),children:`Delete`})]}),J(`div`,{class:`user-edit`,children:[J(oi,{user:t,act:f},t.displayName),J(ai,{user:t,act:f},JSON.stringify(t.quota))]}),o?J(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),p({password:c},`Password reset; their sessions ended.`).then(()=>{l(``),s(!1)})},children:[J(Y,{label:`New password for ${t.displayName}`,children:e=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,value:c,onInput:e=>l(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:$r(c).length>0,children:`Set password`})]}):null,u===null?null:J(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),u===t.email&&f(()=>B(wt,{id:t.id}),`Deleted.`)},children:[J(Y,{label:`Type ${t.email} to delete this user and everything they own`,children:e=>J(`input`,{id:e,type:`text`,autocomplete:`off`,value:u,onInput:e=>d(e.currentTarget.value)})}),J(`button`,{type:`submit`,class:`destructive`,disabled:u!==t.email,children:`Delete for good`}),J(`button`,{type:`button`,onClick:()=>d(null),children:`Keep`})]}),J(X,{error:n}),i?J(Z,{tone:`ok`,children:i}):null]})}function li(e){let[t,n]=L(null),[r,i]=L(null),a=()=>B(xt).then(e=>n(e.users),i);return R(()=>void a(),[]),J(`div`,{class:`profile-layout`,children:[J(`section`,{class:`card`,"aria-labelledby":`users-title`,children:[J(`h1`,{id:`users-title`,children:`Users`}),J(X,{error:r}),t?J(`ul`,{class:`plain-list`,"aria-label":`Users`,children:t.map(t=>J(ci,{user:t,self:t.id===e.viewerId,reload:a},t.id))}):J(Q,{label:`Loading users…`})]}),J(`section`,{class:`card`,children:J(si,{policy:e.policy,onCreated:a})})]})}var ui=e=>e?new Date(e).toLocaleString():`never`,di=[`read`,`generate`,`manage`,`admin`];function fi(e){let[t,n]=L(e.name),[r,i]=L(null),[a,o]=L(!1);return J(`form`,{class:`inline-form`,onSubmit:async n=>{n.preventDefault(),i(null),o(!1);try{let{updateMe:n}=await B(_t,{input:{displayName:t.trim()}});e.onSaved(n.displayName),o(!0)}catch(e){i(e)}},children:[J(Y,{label:`Display name`,children:e=>J(`input`,{id:e,type:`text`,maxLength:100,value:t,onInput:e=>n(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!t.trim()||t.trim()===e.name,children:`Save name`}),J(X,{error:r}),a?J(Z,{tone:`ok`,children:`Saved.`}):null]})}function pi(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(``),[s,c]=L(null),[l,u]=L(!1),d=t&&$r(r).length===0&&r===a;return J(`form`,{onSubmit:async e=>{if(e.preventDefault(),d){c(null),u(!1);try{await B(_t,{input:{currentPassword:t,newPassword:r}}),n(``),i(``),o(``),u(!0)}catch(e){c(e)}}},children:[J(Y,{label:`Current password`,children:e=>J(`input`,{id:e,type:`password`,autocomplete:`current-password`,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`New password`,hint:J(ei,{policy:e.policy,password:r}),children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:r,onInput:e=>i(e.currentTarget.value)})}),J(Y,{label:`Repeat new password`,hint:a&&a!==r?`The two passwords are not the same.`:void 0,children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!d,children:`Change password`}),J(X,{error:s}),l?J(Z,{tone:`ok`,children:`Password changed. Your other sessions and API tokens were signed out.`}):null]})}function mi(e){let[t,n]=L(``),[r,i]=L([`read`]),[a,o]=L(`90`),[s,c]=L(null),[l,u]=L(!1),[d,f]=L(null),p=(e,t)=>i(n=>t?[...new Set([...n,e])]:n.filter(t=>t!==e));return J(C,{children:[e.tokens.length?J(`ul`,{class:`plain-list`,"aria-label":`API tokens`,children:e.tokens.map(t=>J(`li`,{"aria-label":`API token ${t.name}`,children:[J(`strong`,{children:t.name}),` `,J(`span`,{class:`muted`,children:[`(`,t.scopes.join(`, `),`)`]}),J(`div`,{class:`muted small`,children:[`Created `,ui(t.createdAt),` · expires `,t.expiresAt?ui(t.expiresAt):`never`,` · last used `,ui(t.lastUsedAt)]}),J(`button`,{type:`button`,class:`destructive`,onClick:()=>B(bt,{id:t.id}).then(e.reload,f),children:`Revoke`})]},t.id))}):J(`p`,{class:`muted`,children:`No API tokens.`}),J(`form`,{class:`token-form`,onSubmit:async i=>{i.preventDefault(),f(null),u(!1);try{let i=a.trim()===``?null:Number(a),{createApiToken:o}=await B(yt,{name:t.trim(),scopes:r,expiresInDays:i});c(o.token),n(``),e.reload()}catch(e){f(e)}},children:[J(`h3`,{children:`New API token`}),J(Y,{label:`Token name`,children:e=>J(`input`,{id:e,type:`text`,maxLength:100,value:t,onInput:e=>n(e.currentTarget.value)})}),J(`fieldset`,{class:`scopes`,children:[J(`legend`,{children:`Scopes`}),di.filter(t=>t!==`admin`||e.isAdmin).map(e=>J(`div`,{class:`check`,children:[J(`input`,{id:`scope-${e}`,type:`checkbox`,checked:r.includes(e),onChange:t=>p(e,t.currentTarget.checked)}),J(`label`,{for:`scope-${e}`,children:e})]},e))]}),J(Y,{label:`Expires in days`,hint:`Empty: never expires.`,children:(e,t)=>J(`input`,{id:e,type:`number`,min:1,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!t.trim()||r.length===0,children:`Create token`})]}),s?J(`div`,{class:`secret`,role:`status`,children:[J(`p`,{children:`Copy the token now: it is shown only once.`}),J(`code`,{children:s}),J(`button`,{type:`button`,onClick:()=>navigator.clipboard?.writeText(s).then(()=>u(!0),()=>u(!1)),children:l?`Copied`:`Copy token`})]}):null,J(X,{error:d})]})}function hi(e){let[t,n]=L(null),[r,i]=L(null),a=()=>B(gt).then(n,i);return R(()=>void a(),[]),t?J(`div`,{class:`profile-layout`,children:[J(`section`,{class:`card`,"aria-labelledby":`profile-title`,children:[J(`h1`,{id:`profile-title`,children:`Your account`}),J(`p`,{class:`muted`,children:[t.me.email,t.me.isAdmin?` · administrator`:``,` · member since `,ui(t.me.createdAt)]}),J(fi,{name:t.me.displayName,onSaved:e=>{let t=q.get();t.kind===`app`&&q.set({...t,viewer:{...t.viewer,displayName:e}})}}),J(`h2`,{children:`Password`}),J(pi,{policy:e.policy})]}),J(`section`,{class:`card`,"aria-labelledby":`sessions-title`,children:[J(`h2`,{id:`sessions-title`,children:`Signed-in sessions`}),J(`ul`,{class:`plain-list`,"aria-label":`Sessions`,children:t.sessions.map(e=>J(`li`,{children:[J(`strong`,{children:e.userAgent||`Unknown client`}),e.current?J(`span`,{class:`badge`,children:`this one`}):null,J(`div`,{class:`muted small`,children:[e.ip??`unknown address`,` · signed in `,ui(e.createdAt),` · last seen `,ui(e.lastSeenAt),` · until `,ui(e.expiresAt)]}),e.current?null:J(`button`,{type:`button`,onClick:()=>B(vt,{id:e.id}).then(a,i),children:`Sign out this session`})]},e.id))}),J(`h2`,{children:`API tokens`}),J(mi,{tokens:t.apiTokens,isAdmin:t.me.isAdmin,reload:a}),J(X,{error:r})]})]}):r?J(X,{error:r}):J(Q,{label:`Loading your account…`})}function gi(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(``),[s,c]=L(``),[l,u]=L(null),[d,f]=L(!1),p=xn(l),m=$r(a),h=s.length>0&&s!==a,g=t.trim()&&r.trim()&&m.length===0&&s===a;async function _(e){if(e.preventDefault(),g&&!d){f(!0),u(null);try{let{setup:e}=await B(Je,{input:{email:t.trim(),displayName:r.trim(),password:a}});gn(e.token,!1,e.user)}catch(e){u(e),f(!1)}}}return J(`main`,{class:`auth-page`,children:J(`form`,{class:`card auth-card`,onSubmit:_,"aria-labelledby":`setup-title`,noValidate:!0,children:[J(`h1`,{id:`setup-title`,children:`Create administrator account`}),J(`p`,{class:`muted`,children:`This server has no administrator yet. The account you create here manages users, models and the queue.`}),J(Y,{label:`Email`,children:e=>J(`input`,{id:e,type:`email`,autocomplete:`username`,required:!0,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`Display name`,children:e=>J(`input`,{id:e,type:`text`,autocomplete:`name`,required:!0,maxLength:100,value:r,onInput:e=>i(e.currentTarget.value)})}),J(Y,{label:`Password`,hint:J(ei,{policy:e.policy,password:a}),children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,required:!0,"aria-describedby":t,"aria-invalid":a.length>0&&m.length>0,value:a,onInput:e=>o(e.currentTarget.value)})}),J(Y,{label:`Confirm password`,hint:h?`The two passwords are not the same.`:void 0,children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,required:!0,"aria-describedby":t,"aria-invalid":h,value:s,onInput:e=>c(e.currentTarget.value)})}),J(X,{error:l,secondsLeft:p}),J(`button`,{type:`submit`,class:`primary`,disabled:!g||d||p>0,children:d?`Creating…`:`Create administrator account`})]})})}var _i=[{href:`/`,label:`Generate`},{href:`/queue`,label:`Queue`},{href:`/gallery`,label:`Gallery`}],vi=[{href:`/admin/users`,label:`Users`,multiuserOnly:!0},{href:`/admin/models`,label:`Models`,multiuserOnly:!1},{href:`/admin/queue`,label:`All jobs`,multiuserOnly:!1},{href:`/admin/audit`,label:`Audit log`,multiuserOnly:!0}];function yi(e){let{path:t}=cn(),[n,r]=L(!1),i=[..._i,...e.viewer.isAdmin?e.multiuser?vi:vi.filter(e=>!e.multiuserOnly):[]],a=e=>e===`/`?t===`/`:t===e||t.startsWith(`${e}/`),o=async e=>{r(!0),await _n(e)};return J(C,{children:[J(`a`,{class:`skip`,href:`#main`,children:`Skip to content`}),J(`header`,{class:`topbar`,children:[J(`a`,{class:`brand`,href:`/`,onClick:K,children:`gql-invoke`}),J(`nav`,{"aria-label":`Main`,children:J(`ul`,{children:i.map(e=>J(`li`,{children:J(`a`,{href:e.href,onClick:K,"aria-current":a(e.href)?`page`:void 0,children:[e.label,e.href===`/queue`?J(fr,{}):null]})},e.href))})}),J(`div`,{class:`account`,children:e.multiuser?J(C,{children:[J(`a`,{class:`who`,href:`/account`,onClick:K,title:`${e.viewer.email}: your account`,"aria-current":a(`/account`)?`page`:void 0,children:[e.viewer.displayName,e.viewer.isAdmin?` (admin)`:``]}),J(`button`,{type:`button`,disabled:n,onClick:()=>o(!1),children:`Sign out`}),J(`button`,{type:`button`,disabled:n,onClick:()=>o(!0),children:`Sign out everywhere`})]}):J(`span`,{class:`who`,children:`Single-user mode`})})]}),J(`main`,{id:`main`,tabIndex:-1,children:e.children})]})}function bi(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(!1),[s,c]=L(null),[l,u]=L(!1),d=xn(s);async function f(e){if(e.preventDefault(),!(l||d>0)){u(!0),c(null);try{let{login:e}=await B(Ye,{input:{email:t.trim(),password:r,rememberMe:a}});gn(e.token,a,e.user)}catch(e){c(e),u(!1)}}}return J(`main`,{class:`auth-page`,children:J(`form`,{class:`card auth-card`,onSubmit:f,"aria-labelledby":`signin-title`,children:[J(`h1`,{id:`signin-title`,children:`Sign in`}),e.notice&&!s?J(Z,{tone:`warn`,children:e.notice}):null,J(Y,{label:`Email`,children:e=>J(`input`,{id:e,type:`email`,autocomplete:`username`,required:!0,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`Password`,children:e=>J(`input`,{id:e,type:`password`,autocomplete:`current-password`,required:!0,value:r,onInput:e=>i(e.currentTarget.value)})}),J(`div`,{class:`check`,children:[J(`input`,{id:`remember-me`,type:`checkbox`,checked:a,onChange:e=>o(e.currentTarget.checked)}),J(`label`,{for:`remember-me`,children:`Remember me`})]}),J(X,{error:s,secondsLeft:d}),J(`button`,{type:`submit`,class:`primary`,disabled:l||d>0,children:l?`Signing in…`:`Sign in`})]})})}function xi(e){let{path:t,query:n}=cn();if(R(()=>{let e=[[`/gallery`,`Gallery`],[`/queue`,`Queue`],[`/view/`,`Image`],[`/account`,`Account`],[`/admin/users`,`Users`],[`/admin/models`,`Models`],[`/admin/queue`,`Manage queue`],[`/admin/audit`,`Audit log`]].find(([e])=>t.startsWith(e));document.title=`${e?e[1]:`Generate`} · gql-invoke`},[t]),t===`/`||t===``)return J(xr,{});if(t===`/queue`)return J(pr,{standalone:!0});if(t===`/gallery`||t.startsWith(`/gallery/`))return J(Qn,{});if(t.startsWith(`/view/`))return J(wr,{id:decodeURIComponent(t.slice(6))});if(t===`/account`&&e.multiuser)return J(hi,{policy:un()});if(t===`/admin/users`&&e.multiuser&&e.viewer.isAdmin)return J(li,{policy:un(),viewerId:e.viewer.id});if(t===`/admin/models`&&e.viewer.isAdmin)return J(Kr,{});if(t===`/admin/queue`&&e.viewer.isAdmin)return J(Zr,{});if(t===`/admin/audit`&&e.multiuser&&e.viewer.isAdmin){let e=Math.trunc(Number(n.get(`first`)));return J(Br,{pageSize:e>=1&&e<=100?e:50})}return J(`section`,{class:`card`,children:[J(`h1`,{children:`Page not found`}),J(`p`,{children:[`There is nothing at `,t,`. `,J(`a`,{href:`/`,children:`Go to Generate`}),`.`]})]})}function Si(e){return R(()=>{rn();let t=fn(an),n=e.multiuser?vn():()=>{};return()=>{t(),n(),an()}},[]),J(C,{children:e.children})}function Ci(){let e=U(q);switch(R(()=>{hn()},[]),e.kind){case`loading`:return J(`main`,{class:`auth-page`,children:J(Q,{label:`Loading…`})});case`unreachable`:return J(`main`,{class:`auth-page`,children:J(`div`,{class:`card auth-card`,children:[J(`h1`,{children:`Cannot start`}),J(`p`,{class:`message error`,role:`alert`,children:e.message}),J(`button`,{type:`button`,class:`primary`,onClick:()=>void hn(),children:`Try again`})]})});case`setup`:return J(gi,{policy:e.policy});case`signin`:return J(bi,{notice:e.notice});case`app`:return J(Si,{multiuser:e.multiuser,children:J(yi,{viewer:e.viewer,multiuser:e.multiuser,children:J(xi,{multiuser:e.multiuser,viewer:e.viewer})})},e.viewer.id)}}var wi=document.getElementById(`app`);wi&&de(J(Ci,{}),wi);